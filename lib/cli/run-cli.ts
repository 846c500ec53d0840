import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { inspectImage } from "@/lib/assets/inspect-image";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getModel, type ModelCard } from "@/lib/models";
import { providerFor } from "@/lib/providers";
import type { ProviderConfig, ProviderImageInput, ProviderRequest } from "@/lib/providers/types";
import { SIMULATOR_KEY } from "@/lib/providers/config";
import { startSimulatorServer } from "@/lib/simulator";
import { validateGenerationRequest } from "@/lib/validation";
import { coerceParams, parseCliArgs, type CliArgs, type Environ } from "./parse-args";
import { extensionOf } from "@/lib/contracts/mime";
import { formatCliError } from "./errors";
import { runRemote, type RemoteOptions } from "./remote";

type Print = (line: string) => void;

async function readImage(file: string): Promise<ProviderImageInput & { width: number; height: number }> {
  const bytes = new Uint8Array(await fs.readFile(file));
  const info = await inspectImage(bytes, env().MAX_UPLOAD_PIXELS, path.basename(file));
  return { bytes, mimeType: info.mimeType, filename: path.basename(file), width: info.width, height: info.height };
}

/** The same validation as the server: the CLI's files stand in for asset ids. */
async function buildRequest(args: CliArgs): Promise<{ req: ProviderRequest; card: ModelCard }> {
  const card = getModel(args.model);
  const images = await Promise.all(args.images.map(readImage));
  const mask = args.mask ? await readImage(args.mask) : undefined;
  const body = {
    model: args.model,
    operation: args.operation,
    prompt: args.prompt,
    params: coerceParams(card, args.rawParams),
    ...(args.operation === "edit" ? { inputAssetIds: images.map((_, i) => `ast_cli${i}`) } : {}),
    ...(mask ? { maskAssetId: "ast_climask" } : {}),
  };
  const checked = validateGenerationRequest(body);
  if (!checked.ok) throw checked.error;
  if (mask && images[0] && (mask.width !== images[0].width || mask.height !== images[0].height)) {
    throw new AppError(
      "invalid_request",
      `the mask is ${mask.width}×${mask.height} but the first image is ${images[0].width}×${images[0].height}`,
    );
  }
  const v = checked.value;
  const req = { model: v.card.upstreamId, operation: v.operation, prompt: v.prompt, params: v.params, images, mask };
  return { req: { ...req, wire: v.card.wire }, card: v.card };
}

/** The connection: the real gateway with a key; otherwise a dry run shows the gateway, a real run uses the simulator. */
async function connection(args: CliArgs, providerId: Parameters<typeof providerFor>[0]) {
  const e = env();
  const { provider, config } = providerFor(providerId);
  if (!e.simulated) return { provider, config, close: async () => {} };
  if (args.dryRun) {
    const baseUrl = (providerId === "ark" ? e.ARK_BASE_URL : e.DMXAPI_BASE_URL).replace(/\/$/, "");
    return { provider, config: { ...config, baseUrl, apiKey: "<API key unset>" }, close: async () => {} };
  }
  const sim = await startSimulatorServer({ apiKey: SIMULATOR_KEY, latencyMs: 0 });
  const baseUrl = providerId === "ark" ? `${sim.origin}/api/v3` : sim.origin;
  return { provider, config: { ...config, baseUrl } satisfies ProviderConfig, close: sim.close };
}

/**
 * Every secret the command line may carry — the `--token` value, ATELIER_TOKEN, anything shaped like an
 * API token — replaced in a printed line: the token is never printed, even in a usage message echoing a
 * stray argument.
 */
function redactor(argv: string[], environ: Environ): (line: string) => string {
  const secrets = new Set<string>();
  for (const [i, a] of argv.entries()) {
    if (a === "--token" && argv[i + 1] && !argv[i + 1].startsWith("--")) secrets.add(argv[i + 1]);
    else if (a.startsWith("--token=")) secrets.add(a.slice("--token=".length));
  }
  if (environ.ATELIER_TOKEN) secrets.add(environ.ATELIER_TOKEN);
  for (const s of [...secrets]) if (s.trim() !== s) secrets.add(s.trim());
  const list = [...secrets].filter((s) => s.trim().length >= 4).sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const s of list) out = out.split(s).join("<hidden>");
    return out.replace(/atl_[A-Za-z0-9_-]{8,}/g, "atl_<hidden>");
  };
}

/**
 * Run the CLI; answers the process exit code. Errors print as `error <code>: message (request id …)`.
 * With `--server` (or ATELIER_SERVER) the job runs on that studio (lib/cli/remote.ts); without, here.
 */
export async function runCli(
  argv: string[],
  print: Print = console.log,
  printErr: Print = console.error,
  opts: RemoteOptions = {},
): Promise<number> {
  const redact = redactor(argv, process.env);
  const out: Print = (line) => print(redact(line));
  const err: Print = (line) => printErr(redact(line));
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    err((e as Error).message);
    return 2;
  }
  if (args.remote) return runRemote(args, args.remote, out, err, opts);
  return runLocal(args, print, printErr);
}

/** The stand-alone mode: validate here, call the upstream (or the built-in simulator) from this process. */
async function runLocal(args: CliArgs, print: Print, printErr: Print): Promise<number> {
  try {
    const { req, card } = await buildRequest(args);
    const conn = await connection(args, card.provider);
    try {
      if (args.dryRun) {
        print(JSON.stringify(conn.provider.describe(req, conn.config), null, 2));
        return 0;
      }
      if (env().simulated)
        printErr("note: DMXAPI_API_KEY is unset — using the built-in simulator (placeholder images)");
      const result = await conn.provider.run(req, conn.config);
      await fs.mkdir(args.outDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
      for (const [i, image] of result.images.entries()) {
        const file = path.join(args.outDir, `${stamp}-${i + 1}.${extensionOf(image.mimeType)}`);
        await fs.writeFile(file, image.bytes);
        const meta = {
          file: path.basename(file),
          model: req.model,
          operation: req.operation,
          prompt: req.prompt,
          params: req.params,
          revisedPrompt: image.revisedPrompt,
          resolved: result.resolved,
          usage: result.usage,
          requestId: result.requestId,
        };
        await fs.writeFile(`${file}.json`, JSON.stringify(meta, null, 2));
        print(file);
      }
      for (const f of result.failures) printErr(`image ${f.index + 1} failed: ${f.code}: ${f.message}`);
      return result.failures.length ? 1 : 0;
    } finally {
      await conn.close();
    }
  } catch (err) {
    printErr(formatCliError(err));
    return 1;
  }
}

import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { inspectImage } from "@/lib/assets/inspect-image";
import { env } from "@/lib/env";
import { AppError, UpstreamError } from "@/lib/errors";
import { getModel, type ModelCard } from "@/lib/models";
import { providerFor } from "@/lib/providers";
import type { ProviderConfig, ProviderImageInput, ProviderRequest } from "@/lib/providers/types";
import { SIMULATOR_KEY } from "@/lib/providers/config";
import { startSimulatorServer } from "@/lib/simulator";
import { validateGenerationRequest } from "@/lib/validation";
import { coerceParams, parseCliArgs, type CliArgs } from "./parse-args";
import { extensionOf } from "@/lib/contracts/mime";

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

/** Run the CLI; answers the process exit code. Errors print as `error <code>: message (request id …)`. */
export async function runCli(
  argv: string[],
  print: Print = console.log,
  printErr: Print = console.error,
): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (err) {
    printErr((err as Error).message);
    return 2;
  }
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
    if (err instanceof UpstreamError)
      printErr(
        `error ${err.code}: ${err.message}${err.requestId && !err.message.includes(err.requestId) ? ` (request id ${err.requestId})` : ""}${err.httpStatus ? ` [HTTP ${err.httpStatus}]` : ""}`,
      );
    else if (err instanceof AppError)
      printErr(
        `error ${err.code}: ${err.message}${Array.isArray(err.details.issues) ? `\n${(err.details.issues as { path: string; message: string }[]).map((i) => `  ${i.path}: ${i.message}`).join("\n")}` : ""}`,
      );
    else printErr(`error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

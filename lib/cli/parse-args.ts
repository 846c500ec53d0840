import { parseArgs } from "node:util";
import { defaultFamily, type ModelCard, type Operation } from "@/lib/models";

export interface CliArgs {
  dryRun: boolean;
  operation: Operation;
  model: string;
  prompt: string;
  images: string[];
  mask?: string;
  outDir: string;
  /** Every other `--name value` flag: an upstream param of the model (`--output-format` = `output_format`). */
  rawParams: Record<string, string | boolean>;
  /** `--model` was given; otherwise `model` is the built-in default (the remote mode asks the studio for its own). */
  modelGiven: boolean;
  /** Remote mode (`--server`/ATELIER_SERVER): talk to a running studio over HTTP; absent: stand-alone. */
  remote?: RemoteArgs;
}

export interface RemoteArgs {
  /** The studio's base URL without a trailing slash (`http://127.0.0.1:3000`, or a path prefix behind a proxy). */
  server: string;
  /** The API token (`atl_…`) or STUDIO_ADMIN_TOKEN. Never printed. */
  token: string;
  /** A project id (`prj_…`) or name; a name that does not exist yet is created. */
  project: string;
}

/** Where ATELIER_SERVER / ATELIER_TOKEN are read (process.env; tests pass their own). */
export type Environ = Readonly<Record<string, string | undefined>>;

/** The project the remote mode works in when `--project` is not given. */
export const DEFAULT_REMOTE_PROJECT = "CLI";

export const USAGE = `usage:
  npm run cli -- [--dry-run] generate --prompt P [--model M] [--n 2 --size 1024x1024 --quality high ...]
  npm run cli -- [--dry-run] edit --image a.png [--image b.png ...] [--mask m.png] --prompt P [--model M] [...]
Any other --flag is an upstream param of the model (--output-format jpeg = output_format). Images are
saved to ./output with a JSON sidecar. Without DMXAPI_API_KEY it runs against the built-in simulator.
Remote mode: --server URL --token T (or ATELIER_SERVER / ATELIER_TOKEN) runs the job on a running studio
instead, in --project <id or name> (default "${DEFAULT_REMOTE_PROJECT}", created when missing).`;

const KNOWN = {
  "dry-run": { type: "boolean" },
  model: { type: "string" },
  prompt: { type: "string" },
  image: { type: "string", multiple: true },
  mask: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean" },
  server: { type: "string" },
  token: { type: "string" },
  project: { type: "string" },
} as const;

/** `--n 2` → `--n=2` for flags parseArgs does not know (it would read them as booleans). */
function joinUnknownValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith("--") && !a.includes("=") ? a.slice(2) : null;
    const next = argv[i + 1];
    if (name && !(name in KNOWN) && next !== undefined && !next.startsWith("--")) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

const nonEmpty = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** `http(s)://host[:port][/prefix]` without a trailing slash; anything else is a usage error. */
function serverUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`--server must be an http(s) URL such as http://127.0.0.1:3000\n${USAGE}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`--server must be an http(s) URL such as http://127.0.0.1:3000\n${USAGE}`);
  if (url.username || url.password || url.search || url.hash)
    throw new Error(`--server takes no credentials, query or fragment: give the token with --token or ATELIER_TOKEN`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * The remote flags, the flags winning over the environment. The CLI's own ATELIER_SERVER/ATELIER_TOKEN
 * are read from `environ` (process.env) here, not through lib/env.ts: they configure this client, not the
 * studio. The token never appears in a message.
 */
function remoteArgs(values: Record<string, unknown>, environ: Environ): RemoteArgs | undefined {
  if (values.server === true) throw new Error(`--server needs a URL\n${USAGE}`);
  if (values.token === true) throw new Error(`--token needs a value\n${USAGE}`);
  if (values.project === true) throw new Error(`--project needs an id or a name\n${USAGE}`);
  const server = nonEmpty(values.server) ?? nonEmpty(environ.ATELIER_SERVER);
  if (server === undefined) {
    if (values.token !== undefined) throw new Error(`--token goes with --server URL (or ATELIER_SERVER)\n${USAGE}`);
    if (values.project !== undefined) throw new Error(`--project goes with --server URL (or ATELIER_SERVER)\n${USAGE}`);
    return undefined;
  }
  const base = serverUrl(server);
  const token = nonEmpty(values.token) ?? nonEmpty(environ.ATELIER_TOKEN);
  if (token === undefined)
    throw new Error(`--server needs an API token: give --token T or set ATELIER_TOKEN\n${USAGE}`);
  return { server: base, token, project: nonEmpty(values.project) ?? DEFAULT_REMOTE_PROJECT };
}

/**
 * argv → CliArgs; throws an Error with a usage message on anything malformed. `environ` supplies
 * ATELIER_SERVER and ATELIER_TOKEN when the flags are absent.
 */
export function parseCliArgs(argv: string[], environ: Environ = process.env): CliArgs {
  const { values, positionals } = parseArgs({
    args: joinUnknownValues(argv),
    options: KNOWN,
    strict: false,
    allowPositionals: true,
  });
  if (values.help) throw new Error(USAGE);
  const operation = positionals[0];
  if (operation !== "generate" && operation !== "edit") throw new Error(`expected 'generate' or 'edit'\n${USAGE}`);
  if (positionals.length > 1) throw new Error(`unexpected argument '${positionals[1]}'\n${USAGE}`);
  if (typeof values.prompt !== "string" || !values.prompt.trim()) throw new Error(`--prompt is required\n${USAGE}`);
  const remote = remoteArgs(values, environ);
  const rawParams: Record<string, string | boolean> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k in KNOWN) continue;
    rawParams[k.replace(/-/g, "_")] = v as string | boolean;
  }
  return {
    dryRun: values["dry-run"] === true,
    operation,
    model: typeof values.model === "string" ? values.model : defaultFamily().members[0].id,
    prompt: values.prompt,
    images: (values.image as string[] | undefined) ?? [],
    mask: typeof values.mask === "string" ? values.mask : undefined,
    outDir: typeof values.out === "string" ? values.out : "output",
    rawParams,
    modelGiven: typeof values.model === "string",
    ...(remote ? { remote } : {}),
  };
}

/** Strings from the command line → the types the card declares (the validator then checks ranges). */
export function coerceParams(
  card: ModelCard | undefined,
  raw: Record<string, string | boolean>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const spec = card?.params[name];
    if (typeof value === "string" && (spec?.type === "int" || spec?.type === "number")) out[name] = Number(value);
    else if (typeof value === "string" && spec?.type === "boolean") out[name] = value === "true" || value === "1";
    else out[name] = value;
  }
  return out;
}

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
}

export const USAGE = `usage:
  npm run cli -- [--dry-run] generate --prompt P [--model M] [--n 2 --size 1024x1024 --quality high ...]
  npm run cli -- [--dry-run] edit --image a.png [--image b.png ...] [--mask m.png] --prompt P [--model M] [...]
Any other --flag is an upstream param of the model (--output-format jpeg = output_format). Images are
saved to ./output with a JSON sidecar. Without DMXAPI_API_KEY it runs against the built-in simulator.`;

const KNOWN = {
  "dry-run": { type: "boolean" },
  model: { type: "string" },
  prompt: { type: "string" },
  image: { type: "string", multiple: true },
  mask: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean" },
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

/** argv → CliArgs; throws an Error with a usage message on anything malformed. */
export function parseCliArgs(argv: string[]): CliArgs {
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

/**
 * The CLI's remote mode: the same command line, run as a job on a running studio over its HTTP API
 * (docs/api.md) instead of calling the upstream from this process. Only the global fetch; the token goes
 * in `Authorization: Bearer …` and nowhere else — never in a URL, a message or the dry run.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Asset } from "@/lib/contracts/assets";
import type { Generation, GenerationStatusView } from "@/lib/contracts/generations";
import { extensionOf } from "@/lib/contracts/mime";
import type { ModelCard, ModelsCatalog } from "@/lib/contracts/models";
import type { Project } from "@/lib/contracts/projects";
import type { Issue } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { sniffImageMime } from "@/lib/image-type";
import { getModel } from "@/lib/models";
import { formatCliError, StudioError } from "./errors";
import { coerceParams, type CliArgs, type RemoteArgs } from "./parse-args";

type Print = (line: string) => void;

export interface RemoteOptions {
  /** Aborting it is Ctrl-C: a started generation is cancelled. Default: the process's SIGINT, while the run lasts. */
  signal?: AbortSignal;
  /** Between two status reads (ms). */
  pollMs?: number;
}

/** The exit code of an interrupted run (128 + SIGINT). */
export const INTERRUPTED_EXIT = 130;
const POLL_MS = 500;
/** One JSON call; uploads and downloads get longer. */
const CALL_TIMEOUT_MS = 60_000;
const TRANSFER_TIMEOUT_MS = 600_000;
const TERMINAL = new Set<GenerationStatusView["status"]>(["succeeded", "failed", "cancelled"]);

/** Thrown when the user interrupts (the signal aborted). */
class Interrupted extends Error {}

interface InputFile {
  file: string;
  filename: string;
  bytes: Uint8Array;
  mimeType: string;
}

interface Body {
  json?: unknown;
  form?: { fields: Record<string, string>; files: InputFile[] };
}

/** A thin client of the studio's API: every answer that is not 2xx becomes a StudioError or a plain Error. */
class Studio {
  constructor(
    readonly base: string,
    private readonly token: string,
    private readonly signal: AbortSignal,
  ) {}

  async request(
    method: string,
    apiPath: string,
    body: Body = {},
    opts: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: "application/json" };
    let payload: BodyInit | undefined;
    if (body.json !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body.json);
    } else if (body.form) {
      const form = new FormData();
      for (const [k, v] of Object.entries(body.form.fields)) form.append(k, v);
      for (const f of body.form.files)
        form.append("file", new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.mimeType }), f.filename);
      payload = form;
    }
    const user = opts.signal ?? this.signal;
    if (user.aborted) throw new Interrupted();
    const timeoutMs = opts.timeoutMs ?? CALL_TIMEOUT_MS;
    let res: Response;
    try {
      res = await fetch(this.base + apiPath, {
        method,
        headers,
        body: payload,
        // A studio API never redirects: a 3xx means the wrong address, and the token must not follow it.
        redirect: "manual",
        signal: AbortSignal.any([user, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (err) {
      throw this.transportError(err, method, apiPath, user, timeoutMs);
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      const to = res.headers.get("location");
      throw new Error(
        `${method} ${apiPath} was redirected (HTTP ${res.status}${to ? ` to ${to}` : ""}): give the studio's own address as --server`,
      );
    }
    if (!res.ok) throw await this.answerError(res, method, apiPath);
    return res;
  }

  async json<T>(method: string, apiPath: string, body?: Body, opts?: { timeoutMs?: number }): Promise<T> {
    const res = await this.request(method, apiPath, body, opts);
    try {
      return (await res.json()) as T;
    } catch (err) {
      if (this.signal.aborted) throw new Interrupted();
      throw new Error(`${method} ${apiPath}: the answer is not JSON — is ${this.base} an Atelier studio?`, {
        cause: err,
      });
    }
  }

  private transportError(err: unknown, method: string, apiPath: string, user: AbortSignal, timeoutMs: number) {
    if (user.aborted) return new Interrupted();
    if (err instanceof Error && err.name === "TimeoutError")
      return new Error(`${method} ${apiPath}: no answer from ${this.base} within ${timeoutMs / 1000} s`);
    const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
    const why = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
    return new Error(`cannot reach ${this.base} (${why})`);
  }

  /** The contract's error shape → StudioError; anything else (a proxy's HTML page) → a plain Error. */
  private async answerError(res: Response, method: string, apiPath: string): Promise<Error> {
    const text = await res.text().catch(() => "");
    let parsed: { error?: { code?: unknown; message?: unknown; details?: Record<string, unknown> } } | undefined;
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    const e = parsed?.error;
    if (e && typeof e.code === "string" && typeof e.message === "string") {
      const details = e.details && typeof e.details === "object" ? e.details : {};
      return new StudioError(e.code, e.message, {
        issues: Array.isArray(details.issues) ? (details.issues as Issue[]) : [],
        requestId: typeof details.requestId === "string" ? details.requestId : null,
      });
    }
    return new Error(
      `${method} ${apiPath}: the server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""} — is ${this.base} an Atelier studio?`,
    );
  }
}

async function readInput(file: string): Promise<InputFile> {
  const bytes = new Uint8Array(await fs.readFile(file));
  // The studio decides by the bytes too; this only labels the part.
  const mimeType = sniffImageMime(bytes) ?? "application/octet-stream";
  return { file, filename: path.basename(file), bytes, mimeType };
}

/** The body of POST …/generations, with the asset ids the uploads answered. */
function generationBody(
  args: CliArgs,
  model: string,
  card: ModelCard | undefined,
  inputAssetIds: string[],
  maskAssetId: string | undefined,
) {
  return {
    model,
    operation: args.operation,
    prompt: args.prompt,
    params: coerceParams(card, args.rawParams),
    ...(args.operation === "edit" ? { inputAssetIds } : {}),
    ...(maskAssetId ? { maskAssetId } : {}),
  };
}

const projectRef = (p: string) => (isId(p, "prj") ? p : `<id of project ${JSON.stringify(p)}>`);

/** The requests a run would make, in order; no request is sent. */
function describePlan(args: CliArgs, remote: RemoteArgs, images: InputFile[], mask: InputFile | undefined) {
  const url = (p: string) => remote.server + p;
  const auth = { authorization: "Bearer <hidden>" };
  const json = { ...auth, "content-type": "application/json" };
  const project = projectRef(remote.project);
  const part = (f: InputFile) => ({ name: "file", filename: f.filename, type: f.mimeType, bytes: f.bytes.byteLength });
  const upload = (kind: string, files: InputFile[]) => ({
    method: "POST",
    url: url(`/api/projects/${project}/assets`),
    headers: { ...auth, "content-type": "multipart/form-data" },
    body: { parts: [{ name: "kind", value: kind }, ...files.map(part)] },
  });
  const model = args.modelGiven ? args.model : "<the studio's default model>";
  const body = generationBody(
    args,
    model,
    getModel(args.model),
    images.map((f) => `<asset id of ${f.filename}>`),
    mask ? `<asset id of ${mask.filename}>` : undefined,
  );
  const generation = `/api/projects/${project}/generations/<generation id>`;
  return [
    { method: "GET", url: url("/api/me"), headers: auth, note: "who the token is" },
    { method: "GET", url: url("/api/models"), headers: auth, note: "the studio's catalog: param types, default model" },
    ...(isId(remote.project, "prj")
      ? [{ method: "GET", url: url(`/api/projects/${remote.project}`), headers: auth }]
      : [
          { method: "GET", url: url("/api/projects"), headers: auth },
          {
            method: "POST",
            url: url("/api/projects"),
            headers: json,
            body: { json: { name: remote.project } },
            note: `only when no project is named ${JSON.stringify(remote.project)}`,
          },
        ]),
    ...(images.length ? [upload("upload", images)] : []),
    ...(mask ? [upload("mask", [mask])] : []),
    { method: "POST", url: url(`/api/projects/${project}/generations`), headers: json, body: { json: body } },
    {
      method: "GET",
      url: url(`${generation}/status`),
      headers: auth,
      note: `polled until the generation ends; Ctrl-C sends POST ${generation}/cancel`,
    },
    { method: "GET", url: url(generation), headers: auth },
    {
      method: "GET",
      url: url("/api/assets/<asset id>"),
      headers: auth,
      note: "then GET /api/assets/<asset id>/file, once per image",
    },
  ];
}

async function resolveProject(studio: Studio, wanted: string, printErr: Print): Promise<Project> {
  if (isId(wanted, "prj")) return (await studio.json<{ project: Project }>("GET", `/api/projects/${wanted}`)).project;
  const { projects } = await studio.json<{ projects: Project[] }>("GET", "/api/projects");
  const named = projects.filter((p) => p.name === wanted).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (named.length > 1)
    printErr(`note: ${named.length} projects are named ${JSON.stringify(wanted)}; using the oldest, ${named[0].id}`);
  if (named.length) return named[0];
  const { project } = await studio.json<{ project: Project }>("POST", "/api/projects", { json: { name: wanted } });
  printErr(`note: created project ${JSON.stringify(project.name)} (${project.id})`);
  return project;
}

async function upload(studio: Studio, projectId: string, kind: "upload" | "mask", files: InputFile[]) {
  const { assets } = await studio.json<{ assets: Asset[] }>(
    "POST",
    `/api/projects/${projectId}/assets`,
    { form: { fields: { kind }, files } },
    { timeoutMs: TRANSFER_TIMEOUT_MS },
  );
  return assets.map((a) => a.id);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** `generating 0/2: The model is generating`; a failure's message is left to the error line that follows. */
const progressLine = (s: GenerationStatusView) =>
  `${s.status === "running" ? s.phase : s.status} ${s.current}/${s.total}${s.message && s.status !== "failed" ? `: ${s.message}` : ""}`;

/** Read the status until the generation ends, printing a line whenever it changes. */
async function poll(
  studio: Studio,
  statusPath: string,
  signal: AbortSignal,
  pollMs: number,
  printErr: Print,
): Promise<GenerationStatusView> {
  let last = "";
  for (;;) {
    const s = await studio.json<GenerationStatusView>("GET", statusPath);
    const line = progressLine(s);
    if (line !== last) printErr(line);
    last = line;
    if (TERMINAL.has(s.status)) return s;
    await sleep(pollMs, signal);
    if (signal.aborted) throw new Interrupted();
  }
}

/** Ctrl-C while a generation runs: cancel it on the studio (a bounded call of its own, the run's signal is spent). */
async function cancel(studio: Studio, projectId: string, id: string, printErr: Print): Promise<void> {
  printErr(`interrupted: cancelling generation ${id}`);
  try {
    await studio.request("POST", `/api/projects/${projectId}/generations/${id}/cancel`, undefined, {
      signal: new AbortController().signal,
      timeoutMs: 15_000,
    });
    printErr(`cancelled generation ${id}; images already saved stay in the studio`);
  } catch (err) {
    if (err instanceof StudioError && err.code === "conflict") printErr(`generation ${id} had already ended`);
    else printErr(formatCliError(err));
  }
}

/** Save each result like the stand-alone mode does: `<stamp>-<n>.<ext>` plus a JSON sidecar; answers the paths. */
async function download(
  studio: Studio,
  args: CliArgs,
  generation: Generation,
  assetIds: string[],
  print: Print,
): Promise<void> {
  if (!assetIds.length) return;
  await fs.mkdir(args.outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  for (const [i, assetId] of assetIds.entries()) {
    const { asset } = await studio.json<{ asset: Asset }>("GET", `/api/assets/${assetId}`);
    const res = await studio.request("GET", `/api/assets/${assetId}/file`, undefined, {
      timeoutMs: TRANSFER_TIMEOUT_MS,
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const mimeType = sniffImageMime(bytes) ?? res.headers.get("content-type") ?? asset.mimeType;
    const file = path.join(args.outDir, `${stamp}-${i + 1}.${extensionOf(mimeType)}`);
    await fs.writeFile(file, bytes);
    const meta = {
      file: path.basename(file),
      model: generation.model,
      operation: generation.operation,
      prompt: generation.prompt,
      params: generation.params,
      revisedPrompt: asset.revisedPrompt,
      width: asset.width,
      height: asset.height,
      usage: generation.usage,
      requestId: generation.requestId,
      server: studio.base,
      projectId: generation.projectId,
      generationId: generation.id,
      assetId,
    };
    await fs.writeFile(`${file}.json`, JSON.stringify(meta, null, 2));
    print(file);
  }
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host) || host.endsWith(".localhost");

/** Ctrl-C for the length of the run only, so the stand-alone mode keeps Node's default. A second one kills. */
function sigintSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  return { signal: controller.signal, release: () => process.removeListener("SIGINT", onSigint) };
}

/** Run `args` on the studio at `remote.server`; answers the exit code (0, 1 on failure, 130 when interrupted). */
export async function runRemote(
  args: CliArgs,
  remote: RemoteArgs,
  print: Print,
  printErr: Print,
  opts: RemoteOptions = {},
): Promise<number> {
  const own = opts.signal ? undefined : sigintSignal();
  const signal = opts.signal ?? own!.signal;
  let started: { projectId: string; id: string } | undefined;
  const studio = new Studio(remote.server, remote.token, signal);
  try {
    if (args.operation === "generate" && (args.images.length || args.mask))
      throw new StudioError("invalid_request", "--image and --mask go with 'edit', not 'generate'");
    const images = await Promise.all(args.images.map(readInput));
    const mask = args.mask ? await readInput(args.mask) : undefined;
    if (args.dryRun) {
      print(JSON.stringify(describePlan(args, remote, images, mask), null, 2));
      return 0;
    }
    const url = new URL(remote.server);
    if (url.protocol === "http:" && !isLoopback(url.hostname))
      printErr(`note: the token goes to ${url.host} over plain http; use https beyond this machine`);

    const me = await studio.json<{ user: { email: string } | null; role: string }>("GET", "/api/me");
    const catalog = await studio.json<ModelsCatalog>("GET", "/api/models");
    const model = args.modelGiven ? args.model : (catalog.defaultModel ?? args.model);
    const card = catalog.models.find((m) => m.id === model) ?? getModel(model);
    const project = await resolveProject(studio, remote.project, printErr);
    printErr(
      `note: ${remote.server} as ${me.user?.email ?? "the admin token"} (${me.role}), project ${JSON.stringify(project.name)} (${project.id})`,
    );

    const inputAssetIds = images.length ? await upload(studio, project.id, "upload", images) : [];
    const maskAssetId = mask ? (await upload(studio, project.id, "mask", [mask]))[0] : undefined;
    const body = generationBody(args, model, card, inputAssetIds, maskAssetId);
    const { generation } = await studio.json<{ generation: Generation }>(
      "POST",
      `/api/projects/${project.id}/generations`,
      { json: body },
    );
    started = { projectId: project.id, id: generation.id };
    printErr(`started generation ${generation.id} (${model})`);

    const base = `/api/projects/${project.id}/generations/${generation.id}`;
    const end = await poll(studio, `${base}/status`, signal, opts.pollMs ?? POLL_MS, printErr);
    started = undefined; // ended: Ctrl-C from here on only stops the downloads
    const full = (await studio.json<{ generation: Generation }>("GET", base)).generation;
    // A failed job may have saved some images (partial success): they are downloaded too, as the stand-alone mode keeps them.
    await download(studio, args, full, end.assetIds, print);
    if (end.status === "succeeded") return 0;
    if (end.status === "failed" && end.error) {
      const { code, message, requestId, httpStatus } = end.error;
      printErr(formatCliError(new StudioError(code, message, { requestId, httpStatus })));
    } else printErr(`error ${end.status}: generation ${generation.id} ${end.message || end.status}`);
    return 1;
  } catch (err) {
    if (err instanceof Interrupted) {
      if (started) await cancel(studio, started.projectId, started.id, printErr);
      else printErr("interrupted");
      return INTERRUPTED_EXIT;
    }
    printErr(formatCliError(err));
    return 1;
  } finally {
    own?.release();
  }
}

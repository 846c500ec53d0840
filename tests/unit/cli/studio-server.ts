/**
 * The studio's API on a real 127.0.0.1 port for the CLI's remote mode: a node:http server whose requests
 * become web `Request`s handed to the route handlers under app/api (the ones the CLI calls; anything else
 * reaches the catch-all, as in Next). Every request is recorded (method, path, whether it carried a bearer).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import * as catchAll from "@/app/api/[[...path]]/route";
import * as assetFile from "@/app/api/assets/[assetId]/file/route";
import * as asset from "@/app/api/assets/[assetId]/route";
import * as me from "@/app/api/me/route";
import * as models from "@/app/api/models/route";
import * as projectAssets from "@/app/api/projects/[projectId]/assets/route";
import * as cancel from "@/app/api/projects/[projectId]/generations/[generationId]/cancel/route";
import * as generation from "@/app/api/projects/[projectId]/generations/[generationId]/route";
import * as status from "@/app/api/projects/[projectId]/generations/[generationId]/status/route";
import * as generations from "@/app/api/projects/[projectId]/generations/route";
import * as project from "@/app/api/projects/[projectId]/route";
import * as projects from "@/app/api/projects/route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type RouteModule = Partial<Record<string, unknown>>;

const ROUTES: [RegExp, string[], RouteModule][] = [
  [/^\/api\/me$/, [], me],
  [/^\/api\/models$/, [], models],
  [/^\/api\/projects$/, [], projects],
  [/^\/api\/projects\/([^/]+)$/, ["projectId"], project],
  [/^\/api\/projects\/([^/]+)\/assets$/, ["projectId"], projectAssets],
  [/^\/api\/projects\/([^/]+)\/generations$/, ["projectId"], generations],
  [/^\/api\/projects\/([^/]+)\/generations\/([^/]+)$/, ["projectId", "generationId"], generation],
  [/^\/api\/projects\/([^/]+)\/generations\/([^/]+)\/status$/, ["projectId", "generationId"], status],
  [/^\/api\/projects\/([^/]+)\/generations\/([^/]+)\/cancel$/, ["projectId", "generationId"], cancel],
  [/^\/api\/assets\/([^/]+)$/, ["assetId"], asset],
  [/^\/api\/assets\/([^/]+)\/file$/, ["assetId"], assetFile],
];

export interface Recorded {
  method: string;
  path: string;
  /** The Authorization header as sent (tests check the CLI's, never print it). */
  authorization: string | undefined;
}

function dispatch(req: Request): Promise<Response> {
  const pathname = new URL(req.url).pathname;
  for (const [re, names, mod] of ROUTES) {
    const m = re.exec(pathname);
    if (!m) continue;
    const handler = mod[req.method] as Handler | undefined;
    if (!handler) return Promise.resolve(new Response(null, { status: 405 }));
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    return handler(req, { params: Promise.resolve(params) });
  }
  const all = pathname
    .replace(/^\/api\/?/, "")
    .split("/")
    .filter(Boolean);
  return (catchAll[req.method as "GET"] as Handler)(req, { params: Promise.resolve({ path: all }) });
}

function toRequest(msg: http.IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(msg.headers)) {
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = msg.method !== "GET" && msg.method !== "HEAD";
  return new Request(origin + msg.url, {
    method: msg.method,
    headers,
    body: hasBody ? (Readable.toWeb(msg) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

/** Start the server; `close()` stops it. */
export async function startStudioServer(): Promise<{
  origin: string;
  requests: Recorded[];
  close: () => Promise<void>;
}> {
  const requests: Recorded[] = [];
  let origin = "";
  const server = http.createServer((msg, res) => {
    requests.push({ method: msg.method ?? "", path: msg.url ?? "", authorization: msg.headers.authorization });
    void (async () => {
      try {
        const answer = await dispatch(toRequest(msg, origin));
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        if (answer.body) for await (const chunk of answer.body) res.write(chunk);
        res.end();
      } catch (err) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

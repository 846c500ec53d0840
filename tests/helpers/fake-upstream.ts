/** A recording HTTP server on 127.0.0.1 that plays the gateway in provider tests. */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (req: Recorded, res: http.ServerResponse) => void | Promise<void>;

export interface FakeUpstream {
  origin: string;
  requests: Recorded[];
  handler: Handler;
  close(): Promise<void>;
}

export async function startFakeUpstream(handler: Handler = (_r, res) => void res.end()): Promise<FakeUpstream> {
  const fake: FakeUpstream = { origin: "", requests: [], handler, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      fake.requests.push(rec);
      void fake.handler(rec, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** A port nothing listens on: bind one, then close it. */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

export interface ParsedPart {
  name: string;
  value?: string;
  filename?: string;
  type?: string;
  bytes?: Uint8Array;
}

/** The multipart body as the upstream would read it, parts in wire order. */
export async function parseMultipart(rec: Recorded): Promise<ParsedPart[]> {
  const form = await new Response(new Uint8Array(rec.body), {
    headers: { "content-type": String(rec.headers["content-type"]) },
  }).formData();
  const parts: ParsedPart[] = [];
  for (const [name, v] of form.entries()) {
    if (typeof v === "string") parts.push({ name, value: v });
    else parts.push({ name, filename: v.name, type: v.type, bytes: new Uint8Array(await v.arrayBuffer()) });
  }
  return parts;
}

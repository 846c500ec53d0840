import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createSimulator } from "./simulator";
import type { Simulator, SimulatorOptions } from "./types";

/**
 * node:http → Web Request, with an AbortSignal that fires when the client hangs up before the answer. The body
 * streams (a multipart edit may be most of a gigabyte): the simulator parses it as it arrives.
 */
function toRequest(req: IncomingMessage, res: ServerResponse): Request {
  const ac = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) ac.abort();
  });
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  return new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method,
    headers,
    body,
    signal: ac.signal,
    ...(body ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** Event streams go out event by event (a client must see partial images early); other answers in one piece. */
async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  const streamed = response.body && (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
  if (!streamed) {
    const bytes = Buffer.from(await response.arrayBuffer());
    res.setHeader("content-length", bytes.length);
    res.end(bytes);
    return;
  }
  res.flushHeaders();
  const reader = response.body!.getReader();
  // The client leaving mid-stream cancels the body, which stops the simulator's timers.
  res.on("close", () => void reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read();
    if (done || res.destroyed) break;
    res.write(value);
  }
  res.end();
}

async function bridge(sim: Simulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const response = await sim.handle(toRequest(req, res));
    if (res.destroyed) return; // the client left (e.g. a "hang" it aborted): nobody to answer
    await send(response, res);
  } catch (e) {
    if (res.destroyed) return;
    if (res.headersSent) return void res.destroy(); // a stream broke mid-way: cut it, as a proxy would
    res.statusCode = 500;
    res.setHeader("content-type", "text/plain; charset=utf-8");
    res.end(`simulator server error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Standalone node:http server on 127.0.0.1 (port 0 = random) wrapping a simulator; for tests, benches and the CLI. */
export async function startSimulatorServer(
  opts: SimulatorOptions & { port?: number; simulator?: Simulator } = {},
): Promise<{ origin: string; simulator: Simulator; close(): Promise<void> }> {
  const simulator = opts.simulator ?? createSimulator(opts);
  const server = createServer((req, res) => void bridge(simulator, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    simulator,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets and hung requests would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

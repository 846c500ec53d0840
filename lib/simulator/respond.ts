import "server-only";
import { throwIfAborted } from "./abort";
import { idHeaders, type RequestIds } from "./http";

/** The `invalid_json` fault: a 200 whose body stops mid-way, as when a proxy cuts the connection. */
export function invalidJsonResponse(ids: RequestIds): Response {
  const body = `{"created":${Math.floor(Date.now() / 1000)},"data":[{"b64_json":"iVBORw0KGgoAAAANSUhEUgAABAAAAAQACAYAAAB`;
  return new Response(body, {
    status: 200,
    headers: idHeaders(ids, { "content-type": "application/json; charset=utf-8" }),
  });
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Runs `count` renders sequentially (each is CPU-heavy already), checking for abort in between. */
export async function renderAll<T>(
  count: number,
  signal: AbortSignal,
  render: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i++) {
    throwIfAborted(signal);
    out.push(await render(i));
  }
  return out;
}

/** Build Requests for calling exported route handlers directly. */
const BASE = "http://127.0.0.1:3000";

export function jsonRequest(method: string, path: string, body?: unknown): Request {
  return new Request(BASE + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export function rawRequest(method: string, path: string, body: string, contentType = "application/json"): Request {
  return new Request(BASE + path, { method, headers: { "content-type": contentType }, body });
}

export const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

/** Assert the docs/api.md error shape (and, when given, the status and code) and return it. */
export async function errorOf(
  res: Response,
  status?: number,
  code?: string,
): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  const text = await res.clone().text();
  if (status !== undefined && res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  const body = (await res.json()) as { error: { code: string; message: string; details: Record<string, unknown> } };
  if (
    !body.error ||
    typeof body.error.code !== "string" ||
    typeof body.error.message !== "string" ||
    typeof body.error.details !== "object" ||
    body.error.details === null
  ) {
    throw new Error(`not the docs/api.md error shape: ${JSON.stringify(body)}`);
  }
  if (code !== undefined && body.error.code !== code) throw new Error(`expected ${code}: ${text}`);
  return body.error;
}

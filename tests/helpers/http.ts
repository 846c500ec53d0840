/** Build Requests for calling exported route handlers directly. */
const BASE = "http://127.0.0.1:3000";

/**
 * The built-in admin token every suite's data dir is given (tests/helpers/data-dir.ts): requests built
 * here carry it unless they say otherwise, the way CI scripts talk to a studio. Role tests use real users.
 */
export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmnop";

const bearer = (token: string | null): Record<string, string> =>
  token === null ? {} : { authorization: `Bearer ${token}` };

/** `new Request(...)` with the admin token (or `token`, or none with `null`) unless the init sets Authorization. */
export function authedRequest(input: string, init: RequestInit = {}, token: string | null = TEST_ADMIN_TOKEN): Request {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(bearer(token))) if (!headers.has(k)) headers.set(k, v);
  return new Request(input, { ...init, headers });
}

export function jsonRequest(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TEST_ADMIN_TOKEN,
): Request {
  return new Request(BASE + path, {
    method,
    headers: { ...bearer(token), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export function rawRequest(
  method: string,
  path: string,
  body: string,
  contentType = "application/json",
  token: string | null = TEST_ADMIN_TOKEN,
): Request {
  return new Request(BASE + path, { method, headers: { ...bearer(token), "content-type": contentType }, body });
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

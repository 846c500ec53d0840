/**
 * Every route, fuzzed (fast-check): random path params (well-formed ids of real and unknown things, and any
 * string, lone surrogates included), random query strings, random bodies under random content types, as the
 * admin token (so validation, not the guard, is what answers). No answer may be a 5xx, and every non-2xx
 * answer must be the contract's error shape.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject } from "@/tests/helpers/generations";
import { TEST_ADMIN_TOKEN } from "@/tests/helpers/http";
import { makeImage } from "@/tests/helpers/images";
import { discoverEndpoints, fakeId, paramsOf, type Endpoint } from "@/tests/helpers/routes";
import { withSimulator } from "@/tests/helpers/simulator";
import { POST as upload } from "@/app/api/projects/[projectId]/assets/route";
import { authedRequest } from "@/tests/helpers/http";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin }));

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const endpoints: Endpoint[] = [];
const real: Record<string, string[]> = { projectId: [], assetId: [] };

beforeAll(async () => {
  endpoints.push(...(await discoverEndpoints()).filter((e) => e.pattern.startsWith("/api/")));
  const projectId = await newProject();
  real.projectId.push(projectId);
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(await makeImage(32, 32))], { type: "image/png" }), "a.png");
  const res = await upload(
    authedRequest(`http://127.0.0.1:3000/api/projects/${projectId}/assets`, { method: "POST", body: form }),
    { params: Promise.resolve({ projectId }) },
  );
  real.assetId.push(...((await res.json()) as { assets: { id: string }[] }).assets.map((a) => a.id));
});

const anyString = fc.string({ unit: "binary", maxLength: 40 });
const paramValue = (name: string) =>
  fc.oneof(
    fc.constantFrom(fakeId(name), ...(real[name] ?? [])),
    fc.stringMatching(/^[a-z]{3}_[0-9a-z]{20}$/),
    anyString,
  );

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        model: fc.constantFrom("gpt-image-2", "dall-e-3", "nope"),
        operation: fc.constantFrom("generate", "edit", "x"),
        prompt: anyString,
        params: fc.dictionary(anyString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
        name: anyString,
        assetIds: fc.array(anyString, { maxLength: 3 }),
        format: fc.constantFrom("zip", "json", "csv", "pdf"),
        mode: fc.constantFrom("local", "ai"),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  anyString,
);

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "",
);

const query = fc.dictionary(
  fc.constantFrom("limit", "cursor", "kind", "variant", "status", "action", "format", "x"),
  anyString,
  {
    maxKeys: 3,
  },
);

async function expectContractAnswer(e: Endpoint, res: Response, label: string): Promise<void> {
  expect(res.status, label).toBeLessThan(500);
  if (res.ok || res.status === 304 || e.method === "HEAD") {
    await res.body?.cancel().catch(() => undefined);
    return;
  }
  const text = await res.text();
  let parsed: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`${label}: not JSON: ${text.slice(0, 200)}`);
  }
  const err = parsed?.error;
  expect(typeof err?.code, `${label}: ${text.slice(0, 200)}`).toBe("string");
  expect(typeof err?.message, label).toBe("string");
  expect(typeof err?.details === "object" && err.details !== null, label).toBe(true);
}

describe("every route, fuzzed", () => {
  it("never answers a 5xx, and every error is the contract's shape", async () => {
    const errors = vi.spyOn(console, "error");
    expect(endpoints.length).toBeGreaterThan(40);
    for (const e of endpoints) {
      const params = Object.fromEntries(
        paramsOf(e.pattern).map(({ name, list }) => [
          name,
          list ? fc.array(anyString, { minLength: 1, maxLength: 3 }) : paramValue(name),
        ]),
      );
      await fc.assert(
        fc.asyncProperty(fc.record(params), query, body, contentType, async (p, q, b, type) => {
          const search = new URLSearchParams(q).toString();
          const url = `http://127.0.0.1:3000${e.pattern.replace(/\[[^\]]*\]+/g, "p")}${search ? `?${search}` : ""}`;
          const hasBody = b !== undefined && e.method !== "GET" && e.method !== "HEAD";
          const headers: Record<string, string> = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
          if (hasBody && type) headers["content-type"] = type;
          const req = new Request(url, { method: e.method, headers, body: hasBody ? b : undefined });
          const res = await e.handler(req, { params: Promise.resolve(p) });
          await expectContractAnswer(e, res, `${e.method} ${e.pattern} ${JSON.stringify(p)} ?${search} ${type}`);
        }),
        { numRuns: RUNS },
      );
    }
    // A 5xx would have logged "unhandled error"; nothing did.
    expect(errors.mock.calls.filter((c) => String(c[0]).includes("unhandled"))).toEqual([]);
  }, 240_000);
});

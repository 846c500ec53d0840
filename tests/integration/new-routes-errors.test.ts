/** The routes this tranche added answer bad input in the contract's error shape, never a 5xx. */
import { describe, expect, it } from "vitest";
import { POST as retry } from "@/app/api/projects/[projectId]/generations/[generationId]/retry/route";
import { GET as preview } from "@/app/api/projects/[projectId]/generations/[generationId]/previews/[index]/route";
import { POST as refresh } from "@/app/api/models/refresh/route";
import { PUT as putProjects, DELETE as deleteProjects } from "@/app/api/projects/route";
import { GET as getBulkDelete } from "@/app/api/assets/bulk-delete/route";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { ctx, errorOf, jsonRequest, rawRequest, authedRequest } from "@/tests/helpers/http";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin }));

describe("previews route", () => {
  it("answers 404 not_found for a bad index, an unknown job, and a job with no previews", async () => {
    const projectId = await newProject();
    const g = await startGeneration(projectId, { model: "gpt-image-2", operation: "generate", prompt: "mug" });
    await waitFor(projectId, g.id);
    const get = (generationId: string, index: string) =>
      preview(authedRequest("http://x/"), ctx({ projectId, generationId, index }));
    for (const res of [
      await get(g.id, "x"),
      await get(g.id, "12"),
      await get(g.id, "0"),
      await get("gen_00000000000000000000", "0"),
      await get("nope", "0"),
    ])
      await errorOf(res, 404, "not_found");
  });
});

describe("retry body", () => {
  it("answers 400 invalid_request for a body that is not JSON or not the schema, 404 for an unknown model", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "server_error", times: 1 });
    const g = await startGeneration(projectId, { model: "gpt-image-2", operation: "generate", prompt: "mug" });
    await waitFor(projectId, g.id);
    const path = `/api/projects/${projectId}/generations/${g.id}/retry`;
    const c = ctx({ projectId, generationId: g.id });
    await errorOf(await retry(rawRequest("POST", path, "{nope"), c), 400, "invalid_request");
    await errorOf(await retry(jsonRequest("POST", path, { model: 5 }), c), 400, "invalid_request");
    await errorOf(await retry(jsonRequest("POST", path, { surprise: true }), c), 400, "invalid_request");
    await errorOf(await retry(jsonRequest("POST", path, { model: "no-such-model" }), c), 404, "not_found");
    expect((await retry(jsonRequest("POST", path, {}), c)).status).toBe(202);
  });
});

describe("model list refresh", () => {
  it("answers the catalog, also when a list is down", async () => {
    sim.simulator.addFault({ kind: "model_list_down" } as never);
    const res = await refresh(authedRequest("http://x/api/models/refresh", { method: "POST" }), undefined);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { providers: { catalog: { ok: boolean } }[] };
    expect(body.providers[0].catalog.ok).toBe(false);
    sim.simulator.clearFaults();
  });
});

describe("methods a route does not serve", () => {
  it("answer 405 method_not_allowed in the error shape with Allow (Next.js alone sends an empty 405)", async () => {
    for (const [res, allow] of [
      [await putProjects(jsonRequest("PUT", "/api/projects", {}), undefined), "GET, POST"],
      [await deleteProjects(jsonRequest("DELETE", "/api/projects"), undefined), "GET, POST"],
      [await getBulkDelete(jsonRequest("GET", "/api/assets/bulk-delete"), undefined), "POST"],
    ] as const) {
      const err = await errorOf(res, 405, "method_not_allowed");
      expect(res.headers.get("allow")).toBe(allow);
      expect(err.details.allow).toEqual(allow.split(", "));
    }
    // A stranger learns nothing more than from any route: 401.
    await errorOf(await putProjects(jsonRequest("PUT", "/api/projects", {}, null), undefined), 401, "unauthenticated");
  });
});

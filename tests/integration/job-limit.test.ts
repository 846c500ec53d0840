import { describe, expect, it } from "vitest";
import { POST as postGeneration } from "@/app/api/projects/[projectId]/generations/route";
import { ADMIN_TOKEN_ACTOR } from "@/lib/auth/principal";
import { cancelGeneration } from "@/lib/generations";
import { jobRunner } from "@/lib/jobs/runner";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { ctx, errorOf, jsonRequest } from "@/tests/helpers/http";
import { withSimulator } from "@/tests/helpers/simulator";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, MAX_ACTIVE_JOBS_PER_PROJECT: "2" }));

const body = { model: "gpt-image-2", operation: "generate", prompt: "x", params: {} };

describe("per-project job limit", () => {
  it("answers 429 rate_limited past the limit of queued + running jobs, and accepts again once one ends", async () => {
    const projectId = await newProject();
    sim.simulator.addFault({ kind: "hang", times: 0 });
    const a = await startGeneration(projectId, body);
    await startGeneration(projectId, body);
    const res = await postGeneration(jsonRequest("POST", "/", body), ctx({ projectId }));
    expect(res.status).toBe(429);
    const err = await errorOf(res);
    expect(err.code).toBe("rate_limited");
    expect(err.details.limit).toBe(2);
    // Another project is not affected.
    const other = await newProject();
    expect((await postGeneration(jsonRequest("POST", "/", body), ctx({ projectId: other }))).status).toBe(202);

    await cancelGeneration(ADMIN_TOKEN_ACTOR, projectId, a.id);
    expect((await postGeneration(jsonRequest("POST", "/", body), ctx({ projectId }))).status).toBe(202);

    sim.simulator.clearFaults();
    const { listGenerations } = await import("@/lib/db/generations");
    for (const pid of [projectId, other])
      for (const g of await listGenerations({ projectId: pid, limit: 10 }))
        if (g.status === "queued" || g.status === "running") await cancelGeneration(ADMIN_TOKEN_ACTOR, pid, g.id);
    await jobRunner().idle();
    expect((await waitFor(projectId, a.id)).status).toBe("cancelled");
  });
});

import { describe, expect, it } from "vitest";
import { DELETE as deleteAsset } from "@/app/api/assets/[assetId]/route";
import { POST as bulkDelete } from "@/app/api/assets/bulk-delete/route";
import { POST as cancelRoute } from "@/app/api/projects/[projectId]/generations/[generationId]/cancel/route";
import { GET as eventsRoute } from "@/app/api/projects/[projectId]/events/route";
import { PATCH as patchUser } from "@/app/api/users/[userId]/route";
import type { GenerationEventData } from "@/lib/contracts/events";
import { transaction } from "@/lib/db/client";
import { pruneEvents } from "@/lib/db/events";
import { publish, subscriberCount } from "@/lib/events/bus";
import { withTempDataDir } from "@/tests/helpers/data-dir";
import { makeUser, tokenFor } from "@/tests/helpers/access";
import { newProject, startGeneration, waitFor } from "@/tests/helpers/generations";
import { authedRequest, ctx, errorOf, jsonRequest } from "@/tests/helpers/http";
import { withSimulator } from "@/tests/helpers/simulator";
import { SseReader, type SseFrame } from "@/tests/helpers/sse";

const sim = withSimulator();
withTempDataDir(() => ({ SIMULATOR_ORIGIN: sim.origin, EVENT_HEARTBEAT_S: "1" }));

const GEN = { model: "gpt-image-2", operation: "generate", prompt: "mug", params: { quality: "low", n: 2 } };

async function connect(projectId: string, headers: Record<string, string> = {}, token?: string | null) {
  const res = await eventsRoute(
    authedRequest(`http://127.0.0.1:3000/api/projects/${projectId}/events`, { headers }, token),
    ctx({ projectId }),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  expect(res.headers.get("cache-control")).toContain("no-transform");
  const reader = new SseReader(res);
  const ready = (await reader.until((f) => f.event === "ready" || f.event === "reset")).at(-1)!;
  return { reader, ready };
}

const isEnd = (id: string) => (f: SseFrame) =>
  f.event === "generation" &&
  (f.data as GenerationEventData).id === id &&
  (f.data as GenerationEventData).finishedAt !== null;

describe("GET /api/projects/:projectId/events", () => {
  it("answers 404 for an unknown project, 401 without credentials, and streams to a viewer", async () => {
    await errorOf(
      await eventsRoute(authedRequest("http://x/api/projects/prj_nope/events"), ctx({ projectId: "prj_nope" })),
      404,
      "not_found",
    );
    const projectId = await newProject("ev-auth");
    await errorOf(await eventsRoute(authedRequest("http://x/", {}, null), ctx({ projectId })), 401, "unauthenticated");
    const viewer = await makeUser("viewer");
    const { reader, ready } = await connect(projectId, {}, await tokenFor(viewer.id));
    expect(reader.frames[0].retry).toBeGreaterThan(0);
    expect(ready.event).toBe("ready");
    expect(ready.id).toBe(String((ready.data as { lastEventId: number }).lastEventId));
    await reader.close();
  });

  it("pushes a job from queued to succeeded, its images, and deletes, with who did them", async () => {
    const projectId = await newProject("ev-live");
    const creator = await makeUser("creator", "Ana Lima");
    const token = await tokenFor(creator.id);
    const { reader } = await connect(projectId);
    const res = await (
      await import("@/app/api/projects/[projectId]/generations/route")
    ).POST(jsonRequest("POST", `/api/projects/${projectId}/generations`, GEN, token), ctx({ projectId }));
    const { generation } = (await res.json()) as { generation: { id: string } };
    const frames = await reader.until(isEnd(generation.id));
    const jobs = frames.filter((f) => f.event === "generation").map((f) => f.data as GenerationEventData);
    // Payloads are read when sent: the first event (the post, by its creator) shows the job as it is by then.
    expect(jobs[0]).toMatchObject({ id: generation.id, by: { id: creator.id, name: "Ana Lima" } });
    expect(jobs.length).toBeGreaterThan(2);
    expect(jobs.at(-1)!.status).toBe("succeeded");
    const created = frames.filter((f) => f.event === "asset.created").map((f) => f.data as { id: string });
    expect(created.map((a) => a.id).sort()).toEqual([...jobs.at(-1)!.assetIds].sort());
    // Ids rise: a client's Last-Event-ID always moves forward.
    const ids = frames.filter((f) => f.id).map((f) => Number(f.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const [a, b] = jobs.at(-1)!.assetIds;
    expect(
      (await deleteAsset(authedRequest("http://x/", { method: "DELETE" }, token), ctx({ assetId: a }))).status,
    ).toBe(204);
    const del = (await reader.until((f) => f.event === "asset.deleted")).at(-1)!;
    expect(del.data).toEqual({ assetIds: [a], by: { id: creator.id, name: "Ana Lima" } });
    await bulkDelete(jsonRequest("POST", "/api/assets/bulk-delete", { assetIds: [b, a] }), undefined);
    const bulk = (await reader.until((f) => f.event === "asset.deleted")).at(-1)!;
    expect(bulk.data).toEqual({ assetIds: [b], by: null }); // the admin token: no user
    await reader.close();
    await expect.poll(() => subscriberCount()).toBe(0);
  });

  it("replays what a reconnecting client missed, each job once as it is now", async () => {
    const projectId = await newProject("ev-replay");
    const { reader, ready } = await connect(projectId);
    await reader.close();
    const g1 = await startGeneration(projectId, GEN);
    const g2 = await startGeneration(projectId, GEN);
    await waitFor(projectId, g1.id);
    await waitFor(projectId, g2.id);
    const again = await connect(projectId, { "last-event-id": ready.id! });
    const frames = again.reader.frames;
    const jobs = frames.filter((f) => f.event === "generation").map((f) => f.data as GenerationEventData);
    expect(jobs.map((j) => [j.id, j.status]).sort()).toEqual(
      [
        [g1.id, "succeeded"],
        [g2.id, "succeeded"],
      ].sort(),
    );
    expect(frames.filter((f) => f.event === "asset.created")).toHaveLength(4);
    expect(again.ready.event).toBe("ready");
    // Then live: nothing replayed twice, the next job arrives.
    const g3 = await startGeneration(projectId, GEN);
    const live = await again.reader.until(isEnd(g3.id));
    expect(live.filter((f) => f.event === "generation").every((f) => (f.data as { id: string }).id === g3.id)).toBe(
      true,
    );
    await again.reader.close();
  });

  it("sends reset to a client whose Last-Event-ID the log no longer reaches, or never had", async () => {
    const projectId = await newProject("ev-reset");
    const g = await startGeneration(projectId, GEN);
    await waitFor(projectId, g.id);
    const unknown = await connect(projectId, { "last-event-id": "999999999" });
    expect(unknown.ready).toMatchObject({ event: "reset", data: { reason: "unknown_id" } });
    await unknown.reader.close();
    const garbage = await connect(projectId, { "last-event-id": "yesterday" });
    expect(garbage.ready).toMatchObject({ event: "reset", data: { reason: "unknown_id" } });
    await garbage.reader.close();
    // Everything but the newest pruned: a client at 1 missed events it can no longer get.
    expect(await pruneEvents(new Date(Date.now() + 60_000).toISOString(), 1)).toBeGreaterThan(2);
    const behind = await connect(projectId, { "last-event-id": "1" });
    expect(behind.ready).toMatchObject({ event: "reset", data: { reason: "behind" } });
    expect(Number(behind.ready.id)).toBeGreaterThan(1);
    await behind.reader.close();
  });

  it("a client that goes away while events and keep-alives are due leaves nothing behind (no write after close)", async () => {
    const projectId = await newProject("ev-gone");
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on("unhandledRejection", onRejection);
    try {
      for (let i = 0; i < 5; i++) {
        const res = await eventsRoute(
          authedRequest(`http://127.0.0.1:3000/api/projects/${projectId}/events`),
          ctx({ projectId }),
        );
        await res.body!.cancel(); // gone before the first frame was read
      }
      await publish(projectId, "asset.deleted", ["ast_late"]);
      await new Promise((r) => setTimeout(r, 1500)); // past a keep-alive (EVENT_HEARTBEAT_S = 1)
      expect(rejections).toEqual([]);
      expect(subscriberCount()).toBe(0);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });

  it("drops what a rolled-back transaction published", async () => {
    const projectId = await newProject("ev-rollback");
    const { reader } = await connect(projectId);
    await expect(
      transaction(async () => {
        await publish(projectId, "asset.deleted", ["ast_ghost"]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await publish(projectId, "asset.deleted", ["ast_real"]);
    const f = (await reader.until((x) => x.event === "asset.deleted")).at(-1)!;
    expect(f.data).toEqual({ assetIds: ["ast_real"], by: null });
    await reader.close();
  });

  it("keeps the stream alive with ping events and ends it when the user is disabled", async () => {
    const projectId = await newProject("ev-beat");
    const user = await makeUser("viewer");
    const { reader } = await connect(projectId, {}, await tokenFor(user.id));
    await reader.until((f) => f.event === "ping" && f.id === undefined, 3000);
    const off = await patchUser(
      jsonRequest("PATCH", `/api/users/${user.id}`, { disabled: true }),
      ctx({ userId: user.id }),
    );
    expect(off.status).toBe(200);
    for (;;) if (!(await reader.next(4000))) break; // ends at the next keep-alive
    expect(reader.ended).toBe(true);
  });

  it("pushes a cancel with its canceller", async () => {
    sim.simulator.addFault({ kind: "hang", times: 1, path: "/v1/images/generations" });
    const projectId = await newProject("ev-cancel");
    const { reader } = await connect(projectId);
    const g = await startGeneration(projectId, { ...GEN, params: { quality: "low" } });
    await waitFor(projectId, g.id, (x) => x.status === "running");
    const manager = await makeUser("manager", "Mo");
    await cancelRoute(
      authedRequest("http://x/", { method: "POST" }, await tokenFor(manager.id)),
      ctx({ projectId, generationId: g.id }),
    );
    const end = (await reader.until(isEnd(g.id))).at(-1)!;
    expect(end.data).toMatchObject({ status: "cancelled", by: { id: manager.id, name: "Mo" } });
    await reader.close();
    sim.simulator.clearFaults();
  });
});

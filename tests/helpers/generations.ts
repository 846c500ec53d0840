import { expect } from "vitest";
import { POST as postGeneration } from "@/app/api/projects/[projectId]/generations/route";
import { POST as postProject } from "@/app/api/projects/route";
import { insertGeneration, type NewGenerationRow } from "@/lib/db/generations";
import { nowIso } from "@/lib/db/time";
import { findGeneration } from "@/lib/generations";
import { newId } from "@/lib/ids";
import type { Generation } from "@/lib/contracts/generations";
import { ctx, jsonRequest } from "./http";

export async function newProject(name = "jobs"): Promise<string> {
  const res = await postProject(jsonRequest("POST", "/api/projects", { name }), undefined);
  return ((await res.json()) as { project: { id: string } }).project.id;
}

export async function startGeneration(projectId: string, body: unknown): Promise<Generation> {
  const res = await postGeneration(
    jsonRequest("POST", `/api/projects/${projectId}/generations`, body),
    ctx({ projectId }),
  );
  const json = (await res.json()) as { generation: Generation; error?: unknown };
  expect(res.status, JSON.stringify(json)).toBe(202);
  return json.generation;
}

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

/** Poll the stored generation until it ends (or `until` holds). */
export async function waitFor(
  projectId: string,
  id: string,
  until: (g: Generation) => boolean = (g) => TERMINAL.has(g.status),
  timeoutMs = 15_000,
): Promise<Generation> {
  const t0 = Date.now();
  for (;;) {
    const g = await findGeneration(projectId, id);
    if (until(g)) return g;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(
        `generation ${id} stuck: ${JSON.stringify({ status: g.status, phase: g.phase, message: g.message })}`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A queued gpt-image-2 generate row inserted directly (runner tests drive `runGeneration` themselves). */
export function insertQueuedGeneration(projectId: string, over: Partial<NewGenerationRow> = {}) {
  const now = nowIso();
  return insertGeneration({
    id: newId("gen"),
    projectId,
    provider: "dmxapi_openai_img",
    model: "gpt-image-2",
    operation: "generate",
    prompt: "mug",
    params: {},
    inputAssetIds: [],
    maskAssetId: null,
    status: "queued",
    phase: "queued",
    message: "Waiting to start",
    current: 0,
    total: 1,
    createdAt: now,
    updatedAt: now,
    ...over,
  });
}

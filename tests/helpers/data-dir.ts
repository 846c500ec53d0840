import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/lib/db/client";
import { resetLists } from "@/lib/catalog";
import { resetEnv } from "@/lib/env";
import { TEST_ADMIN_TOKEN } from "./http";

/**
 * Give the calling test file its own empty data dir (database + files), removed afterwards.
 * `vars` are extra environment variables for the suite (e.g. SIMULATOR_ORIGIN).
 */
export function withTempDataDir(vars: () => Record<string, string | undefined> = () => ({})) {
  const state = { dir: "" };
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-test-"));
    const all = {
      STUDIO_DATA_DIR: state.dir,
      DMXAPI_API_KEY: undefined,
      ARK_API_KEY: undefined,
      STUDIO_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...vars(),
    };
    for (const [k, v] of Object.entries(all)) {
      saved[k] = process.env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnv();
    resetLists();
    closeDb();
  });
  afterAll(() => {
    closeDb();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnv();
    fs.rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}

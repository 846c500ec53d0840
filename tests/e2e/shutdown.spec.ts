import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@/tests/helpers/e2e-test";

const PORT = 3150;

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok;
  } catch {
    return false;
  }
}

// `npm start` is what a container or a service manager stops: its SIGTERM must reach the server.
test("npm start stops within 10 s of SIGTERM, with a generation running, and frees its port", async () => {
  test.setTimeout(90_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-stop-"));
  const token = "shutdown-test-admin-token-0123456789abcdef";
  const child = spawn(process.execPath, ["scripts/start.mjs", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      STUDIO_DATA_DIR: dir,
      PORT: String(PORT),
      DMXAPI_API_KEY: "",
      STUDIO_ADMIN_TOKEN: token,
      SIMULATOR_LATENCY_MS: "60000",
    },
    stdio: "ignore",
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await expect.poll(healthy, { timeout: 60_000 }).toBe(true);

  // A job that would run for a minute keeps an upstream request open.
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const base = `http://127.0.0.1:${PORT}`;
  const project = (await (
    await fetch(`${base}/api/projects`, { method: "POST", headers: auth, body: JSON.stringify({ name: "stop" }) })
  ).json()) as { project: { id: string } };
  const started = await fetch(`${base}/api/projects/${project.project.id}/generations`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ model: "gpt-image-2", operation: "generate", prompt: "mug", params: {} }),
  });
  expect(started.status).toBe(202);

  const t0 = Date.now();
  child.kill("SIGTERM");
  await exited;
  expect(Date.now() - t0).toBeLessThan(10_000);
  expect(await healthy()).toBe(false);
  fs.rmSync(dir, { recursive: true, force: true });
});

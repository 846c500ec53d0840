import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { adminStatePath } from "./tests/helpers/e2e-test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// One fresh data dir per run; workers inherit it through the environment.
process.env.ATELIER_E2E_DATA ??= path.join(os.tmpdir(), `atelier-e2e-${Date.now()}`);
// The run's STUDIO_ADMIN_TOKEN: the API steps of specs use it (tests/helpers/e2e-test.ts); pages sign in.
process.env.ATELIER_E2E_ADMIN_TOKEN ??= crypto.randomBytes(24).toString("hex");

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  projects: [
    // First run through the UI (setup form → signed in); its saved session is every other spec's.
    { name: "first-run", testMatch: /first-run\.setup\.ts/ },
    {
      name: "studio",
      dependencies: ["first-run"],
      testIgnore: /first-run\.setup\.ts/,
      use: { storageState: adminStatePath() },
    },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "en-US",
    viewport: { width: 1440, height: 900 },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // Builds first when needed (scripts/start.mjs), then `next start`: e2e always runs a production build.
    // A keep-alive longer than any idle gap in a test: otherwise the API request context may reuse a socket
    // the server has just closed (ECONNRESET after ~5 s of quiet, e.g. while a 4096² edit runs).
    command: `node scripts/start.mjs -p ${PORT} -H 127.0.0.1 --keepAliveTimeout 120000`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      STUDIO_DATA_DIR: process.env.ATELIER_E2E_DATA,
      STUDIO_ADMIN_TOKEN: process.env.ATELIER_E2E_ADMIN_TOKEN,
      DMXAPI_API_KEY: "",
      ARK_API_KEY: "",
      SIMULATOR_LATENCY_MS: "300",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});

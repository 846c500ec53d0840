import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { env, resetEnv, simulatorOrigin } from "@/lib/env";

const saved = { ...process.env };
const STUDIO_VARS = [
  "DMXAPI_API_KEY",
  "DMXAPI_BASE_URL",
  "DMXAPI_IMAGE_PART_NAME",
  "DMXAPI_GATEWAY",
  "MODEL_LIST_TTL_S",
  "STUDIO_MODELS_FILE",
  "UPSTREAM_TIMEOUT_MS",
  "SIMULATOR_ORIGIN",
  "PORT",
];
beforeEach(() => {
  for (const name of STUDIO_VARS) delete process.env[name];
  resetEnv();
});
afterEach(() => {
  process.env = { ...saved };
  resetEnv();
});

describe("env", () => {
  it("defaults to the simulator when no key is set", () => {
    process.env.PORT = "4123";
    resetEnv();
    expect(env().simulated).toBe(true);
    expect(simulatorOrigin()).toBe("http://127.0.0.1:4123/sim");
    expect(env()).toMatchObject({ DMXAPI_BASE_URL: "https://www.dmxapi.cn", MODEL_LIST_TTL_S: 600 });
    // Unset: the gateway preset decides the part name and dialect.
    expect(env().DMXAPI_IMAGE_PART_NAME).toBeUndefined();
    expect(env().DMXAPI_GATEWAY).toBeUndefined();
  });

  it("leaves UPSTREAM_TIMEOUT_MS unset by default (the bound scales with the work), and takes a fixed one", () => {
    expect(env().UPSTREAM_TIMEOUT_MS).toBeUndefined();
    process.env.UPSTREAM_TIMEOUT_MS = "90000";
    resetEnv();
    expect(env().UPSTREAM_TIMEOUT_MS).toBe(90_000);
    process.env.UPSTREAM_TIMEOUT_MS = "0";
    resetEnv();
    expect(() => env()).toThrow(/UPSTREAM_TIMEOUT_MS/);
  });

  it("treats a blank key as unset and a real key as configured", () => {
    process.env.DMXAPI_API_KEY = "  ";
    resetEnv();
    expect(env().simulated).toBe(true);
    process.env.DMXAPI_API_KEY = "sk-real";
    resetEnv();
    expect(env().simulated).toBe(false);
  });

  it("names a bad variable without echoing its value", () => {
    process.env.DMXAPI_BASE_URL = "not a url sk-secret";
    resetEnv();
    expect(() => env()).toThrow(/DMXAPI_BASE_URL/);
    expect(() => env()).toThrow(expect.objectContaining({ message: expect.not.stringContaining("sk-secret") }));
    process.env.DMXAPI_GATEWAY = "sk-other-secret";
    resetEnv();
    expect(() => env()).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^(?!.*secret).*DMXAPI_BASE_URL.*DMXAPI_GATEWAY/) }),
    );
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnv, simulatorOrigin } from "@/lib/env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnv();
});

describe("env", () => {
  it("defaults to the simulator when no key is set", () => {
    delete process.env.DMXAPI_API_KEY;
    process.env.PORT = "4123";
    resetEnv();
    expect(env().simulated).toBe(true);
    expect(env().UPSTREAM_TIMEOUT_MS).toBe(300_000);
    expect(simulatorOrigin()).toBe("http://127.0.0.1:4123/sim");
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
    try {
      env();
    } catch (err) {
      expect(String(err)).not.toContain("sk-secret");
    }
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnv, simulatorOrigin } from "@/lib/env";
import { isId, newId } from "@/lib/ids";
import { resolveLocale, translator } from "@/lib/i18n";
import { en } from "@/lib/i18n/en";
import { zhCN } from "@/lib/i18n/zh-CN";

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

describe("ids", () => {
  it("are prefixed, well-formed and sort by creation time", () => {
    const a = newId("ast", 1_700_000_000_000);
    const b = newId("ast", 1_700_000_000_001);
    expect(isId(a, "ast")).toBe(true);
    expect(isId(a, "prj")).toBe(false);
    expect(a < b).toBe(true);
  });
});

describe("i18n", () => {
  it("uses the stored choice, else the browser language", () => {
    expect(resolveLocale("zh-CN", "en-US")).toBe("zh-CN");
    expect(resolveLocale(undefined, "zh-TW,zh;q=0.9")).toBe("zh-CN");
    expect(resolveLocale("fr", "en-GB,en")).toBe("en");
    expect(resolveLocale(undefined, null)).toBe("en");
  });

  it("interpolates and has every English key in Chinese", () => {
    expect(translator("en")("projects.assets", { count: 3 })).toBe("3 assets");
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });
});

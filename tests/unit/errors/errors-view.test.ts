import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/client/api";
import { ERROR_STATUS, UPSTREAM_ERROR_CODES, type GenerationError } from "@/lib/errors";
import { describeError, describeErrorText, ERROR_CODES } from "@/lib/errors-view";
import { hasMessage, translator } from "@/lib/i18n";
import { en } from "@/lib/i18n/en";
import { zhCN } from "@/lib/i18n/zh-CN";

const tEn = translator("en");
const tZh = translator("zh-CN");
const HAN = /\p{Script=Han}/u;

const RAW = "Your request was rejected as a result of our safety system. (request id: 20261201abc)";

const jobError = (code: GenerationError["code"]): GenerationError => ({
  code,
  message: RAW,
  requestId: "20261201abc",
  httpStatus: 400,
  vendorRequestId: "req_vendor_1",
});

describe("every error code has words in both languages", () => {
  it("covers the contract's codes, the upstream codes and the browser's own", () => {
    for (const code of [...Object.keys(ERROR_STATUS), ...UPSTREAM_ERROR_CODES, "network", "unknown"])
      expect(ERROR_CODES).toContain(code);
    // docs/api.md names these; the list is the union of lib/errors.ts, so a new code there needs words here.
    for (const code of ["invalid_request", "payload_too_large", "upstream_moderation_blocked", "interrupted"])
      expect(ERROR_CODES).toContain(code);
  });

  it.each([...ERROR_CODES])("%s: an English and a Chinese title and hint, each its own", (code) => {
    for (const part of ["title", "hint"]) {
      const key = `errors.${code}.${part}`;
      expect(hasMessage(key), key).toBe(true);
      const e = (en as Record<string, string>)[key];
      const z = (zhCN as Record<string, string>)[key];
      expect(e.length).toBeGreaterThan(3);
      expect(z, key).toMatch(HAN);
      expect(z).not.toBe(e);
    }
    const v = describeError(tZh, { code, message: RAW, requestId: null, httpStatus: null });
    expect(v.code).toBe(code);
    expect(v.title).toMatch(HAN);
    expect(v.hint).toMatch(HAN);
  });

  it("gives every code a distinct title", () => {
    const titles = ERROR_CODES.map((c) => describeError(tEn, { code: c, message: "" }).title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe("describeError", () => {
  it("maps a job's failure: translated title and hint, ids carried, the upstream text only as raw", () => {
    const v = describeError(tZh, jobError("upstream_moderation_blocked"));
    expect(v).toEqual({
      code: "upstream_moderation_blocked",
      title: "被服务商的安全审核拦截",
      hint: zhCN["errors.upstream_moderation_blocked.hint"],
      requestId: "20261201abc",
      vendorRequestId: "req_vendor_1",
      httpStatus: 400,
      raw: RAW,
    });
    expect(v.title).not.toContain("safety system");
    expect(v.hint).not.toContain("safety system");
  });

  it("reads a whole Generation, falling back to its own request ids", () => {
    const g = {
      status: "failed",
      message: "failed",
      error: { code: "upstream_timeout", message: "upstream request timed out", requestId: null, httpStatus: 504 },
      requestId: "gw-1",
      vendorRequestId: "vendor-1",
    } as const;
    const v = describeError(tEn, g);
    expect(v).toMatchObject({ code: "upstream_timeout", requestId: "gw-1", vendorRequestId: "vendor-1" });
    expect(v.httpStatus).toBe(504);
    expect(v.raw).toBe("upstream request timed out");
    expect(v.title).toBe("The provider took too long to answer");
  });

  it("drops a vendor id equal to the request id, and empty fields", () => {
    const v = describeError(tEn, { ...jobError("upstream_unavailable"), vendorRequestId: "20261201abc" });
    expect(v.vendorRequestId).toBeUndefined();
    const bare = describeError(tEn, { code: "interrupted", message: "", requestId: null, httpStatus: null });
    expect(Object.keys(bare).sort()).toEqual(["code", "hint", "title"]);
  });

  it("maps a studio answer: its code, its status, the server's text as raw, a request id when it names one", () => {
    const err = new ApiError("param_not_supported", "dall-e-3 does not accept 'background'", 400, {
      param: "background",
      requestId: "req_studio_9",
    });
    const v = describeError(tEn, err);
    expect(v).toMatchObject({
      code: "param_not_supported",
      title: "This model does not take that setting",
      httpStatus: 400,
      requestId: "req_studio_9",
      raw: "dall-e-3 does not accept 'background'",
    });
    expect(describeError(tZh, err).title).toBe("此模型不支持该设置");
  });

  it("a network failure has nothing to disclose; anything else thrown is 'unknown'", () => {
    const net = describeError(tZh, new ApiError("network", "Network error", 0));
    expect(net).toEqual({
      code: "network",
      title: zhCN["errors.network.title"],
      hint: zhCN["errors.network.hint"],
    });
    for (const thrown of [new TypeError("x is undefined"), "boom", null, undefined, 42]) {
      const v = describeError(tEn, thrown);
      expect(v.code).toBe("unknown");
      expect(v.title).toBe("Something went wrong");
      expect(v.raw).toBeUndefined();
    }
  });

  it("a code the catalogs do not know reads as unknown but keeps its code and raw text", () => {
    const v = describeError(tEn, { code: "upstream_new_thing", message: "The new thing broke", requestId: "r" });
    expect(v).toMatchObject({ code: "upstream_new_thing", title: "Something went wrong", raw: "The new thing broke" });
  });

  it("never puts the raw text in the title or hint, for any code in either language", () => {
    const marker = "RAW-UPSTREAM-TEXT do not show";
    for (const t of [tEn, tZh])
      for (const code of ERROR_CODES) {
        const v = describeError(t, { code, message: marker, requestId: null, httpStatus: null });
        expect(v.title).not.toContain(marker);
        expect(v.hint).not.toContain(marker);
        expect(
          describeErrorText(t, new ApiError(code === "unknown" ? "internal" : (code as never), marker, 500)),
        ).not.toContain(marker);
      }
  });

  it("one line for form alerts: title and hint", () => {
    expect(describeErrorText(tEn, new ApiError("forbidden", "role viewer may not upload", 403))).toBe(
      "Your role may not do this. Ask a manager or an admin to do it, or to change your role.",
    );
    expect(describeErrorText(tZh, new ApiError("forbidden", "x", 403))).toBe(
      "你的角色无权执行此操作。请经理或管理员代为操作，或为你调整角色。",
    );
  });
});

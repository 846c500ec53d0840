import { describe, expect, it } from "vitest";
import { issuesByField, parseUserAgent, relativeTime, shortId } from "@/components/account/format";

const UA = {
  chromeMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  edgeWin:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  firefoxLinux: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  chromeAndroid:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  headless:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36",
};

describe("parseUserAgent", () => {
  it("names the browser and the system", () => {
    expect(parseUserAgent(UA.chromeMac)).toEqual({ browser: "Chrome", os: "macOS" });
    expect(parseUserAgent(UA.edgeWin)).toEqual({ browser: "Edge", os: "Windows" });
    // iOS says "like Mac OS X": the phone wins.
    expect(parseUserAgent(UA.safariIphone)).toEqual({ browser: "Safari", os: "iOS" });
    expect(parseUserAgent(UA.firefoxLinux)).toEqual({ browser: "Firefox", os: "Linux" });
    // Android says "Linux" too.
    expect(parseUserAgent(UA.chromeAndroid)).toEqual({ browser: "Chrome", os: "Android" });
    expect(parseUserAgent(UA.headless)).toEqual({ browser: "Headless Chrome", os: "Linux" });
  });

  it("gives nulls for what it does not know", () => {
    expect(parseUserAgent(null)).toEqual({ browser: null, os: null });
    expect(parseUserAgent("curl/8.5.0")).toEqual({ browser: "curl", os: null });
    expect(parseUserAgent("something odd")).toEqual({ browser: null, os: null });
  });
});

describe("relativeTime", () => {
  const now = Date.parse("2025-06-01T12:00:00Z");
  const ago = (s: number) => new Date(now - s * 1000).toISOString();

  it("uses the largest whole unit", () => {
    expect(relativeTime(ago(10), now, "en")).toBe("now");
    expect(relativeTime(ago(5 * 60), now, "en")).toBe("5 minutes ago");
    expect(relativeTime(ago(3 * 3600), now, "en")).toBe("3 hours ago");
    expect(relativeTime(ago(24 * 3600), now, "en")).toBe("yesterday");
    expect(relativeTime(ago(3 * 24 * 3600), now, "en")).toBe("3 days ago");
    expect(relativeTime(ago(-2 * 24 * 3600), now, "en")).toBe("in 2 days");
    expect(relativeTime(ago(400 * 24 * 3600), now, "en")).toBe("last year");
  });

  it("speaks the reader's language, and is empty for a bad time", () => {
    expect(relativeTime(ago(5 * 60), now, "zh-CN")).toBe("5分钟前");
    expect(relativeTime("not a date", now, "en")).toBe("");
  });
});

describe("shortId", () => {
  it("keeps a studio id's type and random tail", () => {
    expect(shortId("ast_01jz8m3k5q7r9t2v4w6x")).toBe("ast_…2v4w6x");
  });

  it("keeps the head of other ids", () => {
    expect(shortId("Xy7f9Qk2LmN0pR4sT8uV")).toBe("Xy7f9Qk2Lm…");
    expect(shortId("short")).toBe("short");
  });
});

describe("issuesByField", () => {
  it("maps the contract's issues to their first path segment, first message wins", () => {
    const details = {
      issues: [
        { path: "email", message: "must be an email address" },
        { path: "email", message: "second" },
        { path: "models.0.id", message: "nested" },
        { path: "", message: "body" },
      ],
    };
    expect(issuesByField(details)).toEqual({ email: "must be an email address", models: "nested" });
    expect(issuesByField({})).toEqual({});
  });
});

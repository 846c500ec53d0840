import { describe, expect, it } from "vitest";
import { elapsedMs, formatElapsed } from "@/components/jobs/job-text";

describe("elapsed time", () => {
  it("formats m:ss and h:mm:ss", () => {
    expect(formatElapsed(0)).toBe("0:00");
    expect(formatElapsed(65_400)).toBe("1:05");
    expect(formatElapsed(3_725_000)).toBe("1:02:05");
    expect(formatElapsed(-5)).toBe("0:00");
  });

  it("runs from start to finish, or to now while active", () => {
    const g = { createdAt: "2026-01-01T00:00:00.000Z", startedAt: "2026-01-01T00:00:01.000Z", finishedAt: null };
    expect(elapsedMs(g, Date.parse("2026-01-01T00:00:11.000Z"))).toBe(10_000);
    expect(elapsedMs({ ...g, finishedAt: "2026-01-01T00:00:04.000Z" }, Date.now())).toBe(3_000);
  });
});

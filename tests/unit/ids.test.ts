import { describe, expect, it } from "vitest";
import { isId, newId } from "@/lib/ids";

describe("ids", () => {
  it("are prefixed, well-formed and sort by creation time", () => {
    const a = newId("ast", 1_700_000_000_000);
    const b = newId("ast", 1_700_000_000_001);
    expect(isId(a, "ast")).toBe(true);
    expect(isId(a, "prj")).toBe(false);
    expect(a < b).toBe(true);
  });
});

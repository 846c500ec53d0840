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

  it("sort in the order made within one millisecond too (the random part counts up)", () => {
    const now = Date.now();
    const ids = Array.from({ length: 500 }, () => newId("aud", now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(500);
    expect(ids.every((id) => isId(id, "aud"))).toBe(true);
  });
});

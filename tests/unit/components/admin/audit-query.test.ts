import { describe, expect, it } from "vitest";
import { detailEntries, idsSummary } from "@/components/audit/audit-format";
import {
  apiQueryOf,
  endOfDayIso,
  filtersFromSearch,
  filtersToSearch,
  hasFilters,
  startOfDayIso,
} from "@/components/audit/audit-query";

describe("audit filters ↔ URL", () => {
  it("reads what the URL names and round-trips it in a fixed order", () => {
    const f = filtersFromSearch(new URLSearchParams("to=2025-03-31&action=asset.delete&userId=usr_1&from=2025-03-01"));
    expect(f).toEqual({ action: "asset.delete", userId: "usr_1", from: "2025-03-01", to: "2025-03-31" });
    expect(filtersToSearch(f)).toBe("action=asset.delete&userId=usr_1&from=2025-03-01&to=2025-03-31");
    expect(filtersFromSearch(new URLSearchParams(filtersToSearch(f)))).toEqual(f);
  });

  it("drops unknown actions, malformed days and overlong ids", () => {
    const f = filtersFromSearch(
      new URLSearchParams(`action=nope&from=2025-02-30&to=yesterday&userId=${"x".repeat(65)}`),
    );
    expect(f).toEqual({});
    expect(hasFilters(f)).toBe(false);
    expect(filtersToSearch(f)).toBe("");
  });

  it("leaves out cleared filters", () => {
    expect(filtersToSearch({ action: "sign_in", userId: undefined, from: "" })).toBe("action=sign_in");
    expect(hasFilters({ from: "2025-01-01" })).toBe(true);
  });
});

describe("audit days → API instants", () => {
  it("spans whole local days, both ends included", () => {
    expect(startOfDayIso("2025-03-01")).toBe(new Date(2025, 2, 1).toISOString());
    expect(endOfDayIso("2025-03-31")).toBe(new Date(2025, 2, 31, 23, 59, 59, 999).toISOString());
    expect(startOfDayIso("2025-13-01")).toBeUndefined();
  });

  it("builds the API query (and the CSV link's)", () => {
    expect(apiQueryOf({ action: "sign_in", from: "2025-03-01" })).toEqual({
      action: "sign_in",
      userId: undefined,
      from: new Date(2025, 2, 1).toISOString(),
      to: undefined,
    });
  });
});

describe("audit details", () => {
  it("shows changes as from → to, names users, and leaves `via` to the user column", () => {
    const names: Record<string, string> = { usr_a: "Ada" };
    const entries = detailEntries(
      {
        via: "token",
        userId: "usr_a",
        changes: { role: { from: "creator", to: "manager" }, disabled: { from: false, to: true } },
        projectIds: ["prj_1", "prj_2"],
        extra: null,
      },
      (id) => names[id],
    );
    expect(entries).toEqual([
      { key: "user", value: "Ada" },
      { key: "role", value: "creator → manager" },
      { key: "disabled", value: "false → true" },
      { key: "projectIds", value: "prj_1, prj_2" },
      { key: "extra", value: "—" },
    ]);
  });

  it("flattens one level of other objects and clips long values", () => {
    const entries = detailEntries({ value: { gateway: "omnimaas", hidden: [] }, prompt: "x".repeat(300) });
    expect(entries[0]).toEqual({ key: "value.gateway", value: "omnimaas" });
    expect(entries[1]).toEqual({ key: "value.hidden", value: "—" });
    expect(entries[2]!.value).toHaveLength(120);
    expect(entries[2]!.value.endsWith("…")).toBe(true);
  });

  it("summarises target ids", () => {
    const short = (id: string) => id.slice(0, 3);
    expect(idsSummary(["aaaa", "bbbb", "cccc", "dddd"], short)).toEqual({
      text: "aaa, bbb +2",
      full: "aaaa\nbbbb\ncccc\ndddd",
    });
    expect(idsSummary([], short).text).toBe("");
  });
});

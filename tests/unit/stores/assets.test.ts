import { beforeEach, describe, expect, it } from "vitest";
import type { Asset, AssetKind } from "@/lib/contracts/assets";
import { kindQuery, matchesFilter, mergeAssets, newestFirst, removeAssets, useAssets } from "@/lib/stores/assets";
import { assetFixture } from "@/tests/helpers/fixtures";

const asset = (id: string, createdAt: string, kind: AssetKind = "generated"): Asset =>
  assetFixture({ id, createdAt, kind });

const T1 = "2026-01-01T00:00:01.000Z";
const T2 = "2026-01-01T00:00:02.000Z";
const T3 = "2026-01-01T00:00:03.000Z";

describe("filters", () => {
  it("hides masks from 'all' and matches one kind otherwise", () => {
    expect(matchesFilter({ kind: "mask" }, "all")).toBe(false);
    expect(matchesFilter({ kind: "upload" }, "all")).toBe(true);
    expect(matchesFilter({ kind: "edit" }, "edit")).toBe(true);
    expect(matchesFilter({ kind: "generated" }, "edit")).toBe(false);
    expect(kindQuery("all")).toBeNull();
    expect(kindQuery("cutout")).toBe("cutout");
  });
});

describe("mergeAssets", () => {
  it("keeps the server's order: createdAt desc, then id desc", () => {
    const merged = mergeAssets(
      [asset("ast_b", T2)],
      [asset("ast_c", T3), asset("ast_a", T1), asset("ast_z", T2)],
      "all",
    );
    expect(merged.map((a) => a.id)).toEqual(["ast_c", "ast_z", "ast_b", "ast_a"]);
  });

  it("dedupes by id (the newer copy wins) and drops what the filter excludes", () => {
    const old = asset("ast_a", T1);
    const merged = mergeAssets([old], [{ ...old, prompt: "new" }, asset("ast_m", T2, "mask")], "all");
    expect(merged).toHaveLength(1);
    expect(merged[0].prompt).toBe("new");
  });

  it("returns the same array when nothing matches", () => {
    const items = [asset("ast_a", T1)];
    expect(mergeAssets(items, [asset("ast_u", T2, "upload")], "generated")).toBe(items);
  });

  it("sorts equal timestamps by id", () => {
    expect(newestFirst(asset("ast_b", T1), asset("ast_a", T1))).toBeLessThan(0);
  });
});

describe("removeAssets", () => {
  it("removes the given ids", () => {
    expect(removeAssets([asset("ast_a", T1), asset("ast_b", T2)], ["ast_a", "ast_x"]).map((a) => a.id)).toEqual([
      "ast_b",
    ]);
  });
});

describe("useAssets store", () => {
  beforeEach(() => useAssets.getState().reset("prj_1"));

  it("drops a page answer from before a filter change", () => {
    const epoch = useAssets.getState().epoch;
    useAssets.getState().setFilter("upload");
    useAssets.getState().addPage(epoch, [asset("ast_a", T1)], null);
    expect(useAssets.getState().items).toHaveLength(0);
    expect(useAssets.getState().status).toBe("idle");
  });

  it("appends pages, adds new results in place and removes deleted ones", () => {
    const { epoch } = useAssets.getState();
    useAssets.getState().addPage(epoch, [asset("ast_b", T2), asset("ast_a", T1)], "cursor-1");
    expect(useAssets.getState()).toMatchObject({ status: "ready", nextCursor: "cursor-1" });
    useAssets.getState().add([asset("ast_c", T3), asset("ast_m", T3, "mask")]);
    expect(useAssets.getState().items.map((a) => a.id)).toEqual(["ast_c", "ast_b", "ast_a"]);
    useAssets.getState().remove(["ast_b"]);
    expect(useAssets.getState().items.map((a) => a.id)).toEqual(["ast_c", "ast_a"]);
  });
});

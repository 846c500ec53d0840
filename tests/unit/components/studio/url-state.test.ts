import { describe, expect, it } from "vitest";
import { readUrlState, urlFor } from "@/components/studio/use-url-state";

const ID = "ast_0123456789abcdefghij";

describe("the studio's address", () => {
  it("reads the open image and the filter, ignoring what is not an asset id or a known kind", () => {
    expect(readUrlState(`?asset=${ID}&kind=upload`)).toEqual({ asset: ID, kind: "upload" });
    expect(readUrlState("?asset=../../etc&kind=everything")).toEqual({ asset: null, kind: "all" });
    expect(readUrlState("")).toEqual({ asset: null, kind: "all" });
  });

  it("writes them beside other parameters, dropping the defaults", () => {
    const base = "http://x/projects/prj_1?tab=x#top";
    expect(urlFor(base, { asset: ID, kind: "edit" })).toBe(`/projects/prj_1?tab=x&asset=${ID}&kind=edit#top`);
    expect(urlFor(`http://x/projects/prj_1?asset=${ID}&kind=edit`, { asset: null, kind: "all" })).toBe(
      "/projects/prj_1",
    );
  });
});

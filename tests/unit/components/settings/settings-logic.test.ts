import { describe, expect, it } from "vitest";
import { bodyOf, draftFrom, fieldErrors, fieldKey } from "@/components/settings/settings-logic";

describe("model settings form", () => {
  it("round-trips the admin's settings, keeping the deployment's hidden ids hidden", () => {
    const settings = {
      gateway: "omnimaas" as const,
      defaultModel: "house",
      hidden: ["gpt-image-2-03", "gemini-2.5-flash-image"],
      models: [{ id: "house", aliasOf: "gpt-image-2-ssvip", label: "House", timeoutS: 900 }],
    };
    const file = { hidden: ["gpt-image-2-03"] };
    const draft = draftFrom(settings, file);
    // The deployment's id is not the admin's to un-hide: it leaves the draft...
    expect(draft.hidden).toEqual(["gemini-2.5-flash-image"]);
    expect(draft.entries).toEqual([
      { id: "house", family: undefined, aliasOf: "gpt-image-2-ssvip", label: "House", timeout: "900" },
    ]);
    // ...and is sent back, since the admin's list replaces the file's.
    const { body, entryIds, hidden } = bodyOf(draft, file);
    expect(body).toEqual({
      gateway: "omnimaas",
      defaultModel: "house",
      hidden: ["gpt-image-2-03", "gemini-2.5-flash-image"],
      models: [{ id: "house", aliasOf: "gpt-image-2-ssvip", label: "House", timeoutS: 900 }],
    });
    expect(entryIds).toEqual(["house"]);
    expect(hidden).toEqual(["gpt-image-2-03", "gemini-2.5-flash-image"]);
  });

  it("drops empty rows, trims labels, and sends a bad timeout as typed so the server names it", () => {
    const draft = {
      gateway: "",
      defaultModel: undefined,
      hidden: [],
      entries: [
        { id: "a", label: "  ", timeout: "" },
        { id: "b", label: " B ", timeout: "ten" },
      ],
    };
    const { body, entryIds } = bodyOf(draft, {});
    expect(body).toEqual({ models: [{ id: "b", label: "B", timeoutS: "ten" }] });
    expect(entryIds).toEqual(["b"]);
  });

  it("puts the server's issues back on the fields they name, the rest under general", () => {
    const errors = fieldErrors(
      [
        { path: "models.0.timeoutS", message: "too small" },
        { path: "models.1.aliasOf", message: "unknown" },
        { path: "hidden.0", message: "must be a model id" },
        { path: "gateway", message: "bad preset" },
        { path: "surprise", message: "unknown field" },
      ],
      ["house", "x"],
      ["bad id"],
    );
    expect(errors).toEqual({
      [fieldKey("house", "timeoutS")]: "too small",
      [fieldKey("x", "entry")]: "unknown",
      [fieldKey("bad id", "hidden")]: "must be a model id",
      gateway: "bad preset",
      general: "surprise: unknown field",
    });
  });
});

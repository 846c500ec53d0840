import { describe, expect, it } from "vitest";
import { AVAILABILITIES, isOffered, MODEL_SOURCES } from "@/lib/contracts/models";

describe("catalog contract", () => {
  it("names the availabilities and sources of docs/api.md", () => {
    expect(AVAILABILITIES).toEqual(["available", "deprecated", "unavailable", "unknown"]);
    expect(MODEL_SOURCES).toEqual(["builtin", "gateway", "config"]);
  });

  it("offers every model the gateway has not said is gone", () => {
    expect(AVAILABILITIES.filter((availability) => isOffered({ availability }))).toEqual([
      "available",
      "deprecated",
      "unknown",
    ]);
  });
});

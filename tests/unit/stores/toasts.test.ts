import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeError } from "@/lib/errors-view";
import { translator } from "@/lib/i18n";
import { MAX_TOASTS, TOAST_MS, toast, useToasts } from "@/lib/stores/toasts";

const t = translator("en");
const shown = () => useToasts.getState().toasts;
const failure = (requestId: string) =>
  describeError(t, { code: "upstream_unavailable", message: "The engine is overloaded", requestId, httpStatus: 503 });
const images = (count: number) => toast.success((n) => t("jobs.toast.done", { count: n }), { group: "images", count });

beforeEach(() => {
  vi.useFakeTimers();
  for (const x of shown()) useToasts.getState().dismiss(x.id);
});
afterEach(() => vi.useRealTimers());

describe("toasts", () => {
  it("an error toast shows the mapped title and keeps the failure for its details", () => {
    toast.error(failure("r1"));
    expect(shown()).toHaveLength(1);
    expect(shown()[0]).toMatchObject({ tone: "error", text: "The provider is temporarily unavailable", count: 1 });
    expect(shown()[0].error).toMatchObject({ requestId: "r1", raw: "The engine is overloaded" });
    expect(shown()[0].text).not.toContain("overloaded");
  });

  it("the same error again, while shown, is one toast with a count and the latest request id", () => {
    const first = toast.error(failure("r1"));
    vi.advanceTimersByTime(TOAST_MS.error - 1000);
    expect(toast.error(failure("r2"))).toBe(first);
    toast.error(failure("r3"));
    expect(shown()).toHaveLength(1);
    expect(shown()[0]).toMatchObject({ count: 3, error: { requestId: "r3" } });
    // Each repeat restarted its time.
    vi.advanceTimersByTime(TOAST_MS.error - 1);
    expect(shown()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(shown()).toHaveLength(0);
    // Gone: the next one starts over.
    toast.error(failure("r4"));
    expect(shown()[0].count).toBe(1);
  });

  it("different errors stay apart, and so do plain sentences that differ", () => {
    toast.error(failure("r1"));
    toast.error(describeError(t, { code: "upstream_quota", message: "x", requestId: null, httpStatus: 429 }));
    toast.error("Describe what should change");
    toast.error("Paint the area to change");
    toast.error("Paint the area to change");
    expect(shown().map((x) => x.count)).toEqual([1, 1, 1, 2]);
  });

  it("a headline words the title (e.g. 'Upload refused: …') and is part of what repeats", () => {
    const v = describeError(t, { code: "unsupported_media_type", message: "not an image", requestId: null });
    toast.error(v, { text: t("upload.rejected", { message: v.title }) });
    toast.error(v, { text: t("upload.rejected", { message: v.title }) });
    toast.error(v);
    expect(shown().map((x) => [x.text, x.count])).toEqual([
      ["Upload refused: Not a supported image", 2],
      ["Not a supported image", 1],
    ]);
  });

  it("successes of one group within its time collapse into one, summed: 3 + 2 images → '5 images ready'", () => {
    images(3);
    vi.advanceTimersByTime(TOAST_MS.success - 500);
    images(2);
    expect(shown()).toHaveLength(1);
    expect(shown()[0]).toMatchObject({ tone: "success", text: "5 images ready", count: 1, amount: 5 });
    images(1);
    expect(shown()[0].text).toBe("6 images ready");
    vi.advanceTimersByTime(TOAST_MS.success);
    expect(shown()).toHaveLength(0);
    images(1);
    expect(shown()[0].text).toBe("1 image ready");
  });

  it("a lone success reads as before; identical plain ones count up", () => {
    images(3);
    expect(shown()[0].text).toBe("3 images ready");
    toast.success("Image deleted");
    toast.success("Image deleted");
    toast.info("Generation cancelled");
    expect(shown().map((x) => [x.text, x.count])).toEqual([
      ["3 images ready", 1],
      ["Image deleted", 2],
      ["Generation cancelled", 1],
    ]);
  });

  it("keeps the newest few; a merged toast moves to the newest place", () => {
    for (let i = 0; i < MAX_TOASTS + 2; i++) toast.info(`note ${i}`);
    expect(shown().map((x) => x.text)).toEqual(["note 2", "note 3", "note 4", "note 5"]);
    toast.info("note 3");
    expect(shown().map((x) => x.text)).toEqual(["note 2", "note 4", "note 5", "note 3"]);
  });

  it("a held toast stays until released, then gets its full time again", () => {
    const id = toast.error(failure("r1"));
    useToasts.getState().hold(id);
    vi.advanceTimersByTime(TOAST_MS.error * 3);
    expect(shown()).toHaveLength(1);
    useToasts.getState().release(id);
    vi.advanceTimersByTime(TOAST_MS.error - 1);
    expect(shown()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(shown()).toHaveLength(0);
  });
});

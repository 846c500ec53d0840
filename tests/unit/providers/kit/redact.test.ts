import { describe, expect, it } from "vitest";
import { redact, redactorFor, secretForms } from "@/lib/providers/kit/redact";
import { echoedKeyForms, holdsKey } from "@/tests/helpers/redaction";

const KEY = "sk-live-9f8e7d6c5b4a39281706abcdef";

describe("redact", () => {
  it.each(echoedKeyForms(KEY).map((f) => [f.label, f] as const))("removes the key %s", (_label, form) => {
    const out = redact(form.text, KEY);
    for (const leak of form.leaks) expect(out).not.toContain(leak);
    expect(holdsKey(out, KEY)).toBe(false);
  });

  it("also removes other keys' look-alikes and bearer tokens, and leaves other text alone", () => {
    expect(redact("Bearer abcdefghijklmnop and sk-abcdefghijklmnopqrstu and AIzaSyA1234567890abcdefghij", KEY)).toBe(
      "Bearer [redacted] and sk-[redacted] and AIza[redacted]",
    );
    expect(redact("size 1024x1024 is not offered", KEY)).toBe("size 1024x1024 is not offered");
  });

  it("ignores a secret too short to tell from ordinary text", () => {
    expect(secretForms("abc")).toEqual([]);
    expect(redact("abc abc", "abc")).toBe("abc abc");
  });

  it("a bound redactor does the same", () => {
    const r = redactorFor(KEY);
    for (const f of echoedKeyForms(KEY)) expect(r(f.text)).toBe(redact(f.text, KEY));
  });
});

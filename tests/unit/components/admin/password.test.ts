import { describe, expect, it } from "vitest";
import { generatePassword, PASSWORD_ALPHABET } from "@/components/team/password";

describe("generatePassword", () => {
  it("is 16 characters from the unambiguous alphabet, with a lower case letter, a capital and a digit", () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(16);
      expect([...p].every((c) => PASSWORD_ALPHABET.includes(c))).toBe(true);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/\d/);
    }
  });

  it("skips bytes that would bias the choice", () => {
    // 56 characters: bytes from 224 up are skipped (a whole first call here); 0 and 56 are both "a".
    let calls = 0;
    const fill = (bytes: Uint8Array) => {
      calls++;
      bytes.fill(255);
      const seq = [250, 0, 56, 1, 24, 56 + 48];
      if (calls > 1) seq.forEach((b, i) => (bytes[i] = b));
      return bytes;
    };
    const p = generatePassword(5, fill);
    expect(p).toBe("aabA2");
    expect(calls).toBe(2);
  });

  it("differs from one call to the next", () => {
    expect(new Set(Array.from({ length: 50 }, () => generatePassword())).size).toBe(50);
  });
});

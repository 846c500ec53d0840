import { hashPassword as libraryHash, verifyPassword as libraryVerify } from "better-auth/crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing on Node's scrypt, in the auth library's format", () => {
  it("verifies its own hashes and refuses a wrong password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await verifyPassword({ hash, password: "correct horse battery" })).toBe(true);
    expect(await verifyPassword({ hash, password: "correct horse batterY" })).toBe(false);
  });

  it("is interchangeable with the library's own hashes both ways (NFKC included)", async () => {
    const ours = await hashPassword("ｃａｆé 密码 123");
    expect(await libraryVerify({ hash: ours, password: "café 密码 123" })).toBe(true);
    const theirs = await libraryHash("café 密码 123");
    expect(await verifyPassword({ hash: theirs, password: "ｃａｆé 密码 123" })).toBe(true);
    expect(await verifyPassword({ hash: theirs, password: "cafe 密码 123" })).toBe(false);
  });

  it("treats a malformed stored hash as a failed check, not a crash", async () => {
    for (const hash of ["", "nocolon", "salt:", "salt:zz"]) {
      expect(await verifyPassword({ hash, password: "x" })).toBe(false);
    }
  });
});

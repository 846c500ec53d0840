import { describe, expect, it } from "vitest";
import { asciiFold, contentDisposition } from "@/lib/content-disposition";

/** The two parameters as a client reads them (RFC 6266 §4.3: filename* wins where understood). */
function parse(header: string) {
  const m = /^(inline|attachment); filename="([^"]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/.exec(header);
  if (!m) throw new Error(`not a well-formed header: ${header}`);
  return { type: m[1], ascii: m[2], name: decodeURIComponent(m[3]) };
}

describe("contentDisposition", () => {
  it("spells a Chinese name both ways: a fallback for old clients, UTF-8 for the rest", () => {
    const h = contentDisposition("attachment", "春季新品 主图-01.jpg", "ast_1.jpg");
    expect(h).toBe(
      "attachment; filename=\"ast_1.jpg\"; filename*=UTF-8''%E6%98%A5%E5%AD%A3%E6%96%B0%E5%93%81%20%E4%B8%BB%E5%9B%BE-01.jpg",
    );
    expect(parse(h)).toEqual({ type: "attachment", ascii: "ast_1.jpg", name: "春季新品 主图-01.jpg" });
  });

  it("keeps ASCII names, folds accents, and keeps a mostly-ASCII name in the fallback", () => {
    expect(parse(contentDisposition("inline", "SKU-1042-front.jpg", "x.jpg")).ascii).toBe("SKU-1042-front.jpg");
    expect(parse(contentDisposition("inline", "Crème brûlée.png", "x.png")).ascii).toBe("Creme brulee.png");
    expect(asciiFold("SKU-1042 春季.jpg")).toBe("SKU-1042.jpg");
    expect(asciiFold("春季新品-01.jpg")).toBeNull();
  });

  it("cannot be broken by quotes, backslashes, semicolons, percent signs, CR/LF or bidi overrides", () => {
    for (const name of [
      'a"; filename="evil.exe',
      'a\\"b.jpg',
      "x\r\nSet-Cookie: a=b.jpg",
      "50% off; really.png",
      "photo\u202Egpj.exe",
      "it's (1) *.png",
      "\u0000\u0007",
    ]) {
      const h = contentDisposition("attachment", name, "ast_1.png");
      expect(h).toMatch(/^[\x20-\x7e]+$/);
      const p = parse(h);
      expect(p.ascii).not.toMatch(/["\\;%=]/);
      expect(p.name).not.toMatch(/[\r\n\u202E\u0000]/);
      expect(() => new Headers({ "content-disposition": h })).not.toThrow();
    }
    expect(parse(contentDisposition("attachment", 'a"; filename="evil.exe', "f.png")).name).toBe(
      'a"; filename="evil.exe',
    );
    expect(parse(contentDisposition("attachment", "\u0000\u0007", "ast_1.png")).name).toBe("ast_1.png");
  });
});

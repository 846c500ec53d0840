import "server-only";

/**
 * One redactor for every provider: the key never leaves in any form an upstream might echo it in —
 * as given, without its `sk-` prefix (new-api strips it), URL-encoded, or base64 / base64url encoded
 * (alone or inside a longer base64 string, at any byte offset). Plus any `Bearer …` token and any
 * `sk-…` / `AIza…` looking key, whoever's it is.
 */

const MIN_SECRET = 6;
/** Shorter fragments of a base64 encoding could match unrelated text. */
const MIN_FRAGMENT = 8;

function base64Fragments(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const out: string[] = [];
  // At byte offset o inside a longer encoded blob, the characters wholly made of the secret's bits
  // start at ceil(o·4/3) and end at floor((o+len)·4/3).
  for (let o = 0; o < 3; o++) {
    const encoded = Buffer.concat([Buffer.alloc(o), bytes]).toString("base64");
    const fragment = encoded.slice(Math.ceil((o * 4) / 3), Math.floor(((o + bytes.length) * 4) / 3));
    if (fragment.length >= MIN_FRAGMENT) out.push(fragment, fragment.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}

/** Every form of the secret to look for, longest first (so a shorter form never splits a longer one). */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET) return [];
  const plain = [secret, secret.replace(/^sk-/, "")].filter((s) => s.length >= MIN_SECRET);
  const forms = new Set<string>();
  for (const p of plain) {
    forms.add(p);
    forms.add(encodeURIComponent(p));
    for (const f of base64Fragments(p)) forms.add(f);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

const GENERIC: [RegExp, string][] = [
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, "$1[redacted]"],
  [/\bsk-[A-Za-z0-9_-]{16,}/g, "sk-[redacted]"],
  [/\bAIza[0-9A-Za-z_-]{20,}/g, "AIza[redacted]"],
];

export function redact(text: string, secret: string): string {
  let out = text;
  for (const form of secretForms(secret)) out = out.split(form).join("[redacted]");
  for (const [re, replacement] of GENERIC) out = out.replace(re, replacement);
  return out;
}

/** A redactor bound to one key (forms computed once). */
export function redactorFor(secret: string): (text: string) => string {
  const forms = secretForms(secret);
  return (text) => {
    let out = text;
    for (const form of forms) out = out.split(form).join("[redacted]");
    for (const [re, replacement] of GENERIC) out = out.replace(re, replacement);
    return out;
  };
}

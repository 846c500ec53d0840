/**
 * The forms an upstream may echo a key in (docs: provider kit, lib/providers/kit/redact.ts), for the
 * per-provider "never leaks the key" tests: as given, without `sk-`, URL-encoded, base64 / base64url
 * alone, and base64 of a longer text that contains the key at each byte offset.
 */
export function echoedKeyForms(key: string): { label: string; text: string; leaks: string[] }[] {
  const bare = key.replace(/^sk-/, "");
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const b64url = (s: string) => Buffer.from(s).toString("base64url");
  const inside = (prefix: string) => b64(`${prefix}${key}"}`);
  const forms = [
    { label: "as given", text: `Incorrect API key provided: ${key}.`, leaks: [key] },
    { label: "without its sk- prefix", text: `无效的令牌 ${bare}`, leaks: [bare] },
    { label: "URL-encoded", text: `GET /v1/x?key=${encodeURIComponent(key)}`, leaks: [encodeURIComponent(key)] },
    { label: "base64", text: `token ${b64(key)} rejected`, leaks: [b64(key), b64(key).replace(/=+$/, "")] },
    { label: "base64url", text: `token ${b64url(key)} rejected`, leaks: [b64url(key)] },
    { label: "base64 of the prefixless key", text: `token ${b64(bare)}`, leaks: [b64(bare).replace(/=+$/, "")] },
  ];
  for (const prefix of ['{"k":"', '{"ke":"', '{"key":"']) {
    const blob = inside(prefix);
    forms.push({ label: `inside a base64 blob at offset ${prefix.length % 3}`, text: `auth ${blob}`, leaks: [blob] });
  }
  return forms;
}

/** True when `text` still holds a decodable copy of the key in any of the forms above. */
export function holdsKey(text: string, key: string): boolean {
  if (text.includes(key) || text.includes(key.replace(/^sk-/, ""))) return true;
  for (const token of text.match(/[A-Za-z0-9+/_-]{12,}={0,2}/g) ?? []) {
    for (const enc of ["base64", "base64url"] as const) {
      for (let cut = 0; cut < 4; cut++) {
        const decoded = Buffer.from(token.slice(cut), enc).toString("latin1");
        if (decoded.includes(key) || decoded.includes(key.replace(/^sk-/, ""))) return true;
      }
    }
  }
  return decodeURIComponent(text.replace(/%(?![0-9A-F]{2})/gi, "%25")).includes(key);
}

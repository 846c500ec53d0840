import "server-only";
import { arkError, googleError, openaiError, type Protocol, type SimError } from "./http";
import type { RecordedRequest } from "./types";

export interface Credentials {
  scheme: RecordedRequest["authScheme"];
  key: string | null;
}

/**
 * Where the key came from (§F.2). Like new-api's TokenAuth, the Gemini route also takes `?key=`
 * and `x-goog-api-key` (in that order) before `Authorization`; the other routes only `Authorization`.
 */
export function credentialsOf(req: Request, url: URL, protocol: Protocol): Credentials {
  if (protocol === "gemini") {
    const q = url.searchParams.get("key");
    if (q) return { scheme: "query", key: q };
    const g = req.headers.get("x-goog-api-key");
    if (g) return { scheme: "goog", key: g.trim() };
  }
  const auth = req.headers.get("authorization")?.trim();
  if (!auth) return { scheme: "none", key: null };
  const m = /^Bearer\s+(.*)$/i.exec(auth);
  return m ? { scheme: "bearer", key: m[1].trim() } : { scheme: "bare", key: auth };
}

// new-api strips an optional "sk-" prefix before looking the token up.
const norm = (k: string) => k.replace(/^sk-/, "");

/** The 401 of the route's protocol, or null when the key is accepted. */
export function authError(cred: Credentials, protocol: Protocol, apiKey: string | undefined): SimError | null {
  const missing = !cred.key;
  const wrong = !missing && apiKey !== undefined && norm(cred.key!) !== norm(apiKey);
  // Ark documents only "Authorization: Bearer <key>"; a bare key is refused there.
  const arkBare = protocol === "ark" && cred.scheme === "bare";
  if (!missing && !wrong && !arkBare) return null;
  if (protocol === "gemini") {
    return googleError(
      401,
      missing
        ? "Method doesn't allow unregistered callers. Please use an API key."
        : "API key not valid. Please pass a valid API key.",
    );
  }
  if (protocol === "ark") {
    const why = missing || arkBare ? "is missing or not in the form 'Authorization: Bearer <key>'" : "is invalid";
    return arkError(401, "AuthenticationError", `The API key in the request ${why}.`);
  }
  return missing
    ? openaiError(401, "未提供令牌", { type: "new_api_error", code: "missing_api_key" })
    : openaiError(401, "无效的令牌", { type: "new_api_error", code: "invalid_api_key" });
}

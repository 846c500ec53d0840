import "server-only";
import type { ParsedBody } from "./context";
import type { FaultRoute } from "./faults";
import { arkError, googleError, openaiError, type Protocol, type SimError } from "./http";

export type Route =
  | { kind: "generations" | "edits" | "ark" | "none"; protocol: Protocol }
  | { kind: "gemini"; protocol: "gemini"; model: string; method: string }
  | { kind: "files"; protocol: "openai"; name: string }
  | { kind: "models"; protocol: "openai" | "gemini" };

export function matchRoute(method: string, path: string): Route {
  const gemini = /^\/v1beta\/models\/([^/:]+):([A-Za-z]+)$/.exec(path);
  const post = method === "POST";
  const get = method === "GET";
  if (post && path === "/v1/images/generations") return { kind: "generations", protocol: "openai" };
  if (post && path === "/v1/images/edits") return { kind: "edits", protocol: "openai" };
  if (post && path === "/api/v3/images/generations") return { kind: "ark", protocol: "ark" };
  if (post && gemini)
    return { kind: "gemini", protocol: "gemini", model: decodeURIComponent(gemini[1]), method: gemini[2] };
  if (get && path === "/v1/models") return { kind: "models", protocol: "openai" };
  if (get && path === "/v1beta/models") return { kind: "models", protocol: "gemini" };
  if (get && path.startsWith("/files/")) return { kind: "files", protocol: "openai", name: path.slice(7) };
  const protocol = path.startsWith("/v1beta/") ? "gemini" : path.startsWith("/api/v3/") ? "ark" : "openai";
  return { kind: "none", protocol };
}

/** Which fault table row a route reads. */
export function faultRouteOf(route: Route): FaultRoute {
  if (route.kind === "models" || route.kind === "files") return route.kind;
  return route.protocol;
}

/** A body that did not parse, refused in the route's own words. */
export function unparsableError(protocol: Protocol, body: ParsedBody): SimError {
  const reason = body.kind === "unparsable" ? body.reason : "";
  if (protocol === "gemini") return googleError(400, `Invalid JSON payload received. ${reason}`);
  if (protocol === "ark") return arkError(400, "InvalidParameter", `The request body could not be parsed: ${reason}.`);
  return openaiError(
    400,
    `We could not parse the body of your request (${reason}). The API expects a JSON payload, or multipart/form-data for edits.`,
  );
}

import "server-only";
import { GATEWAY_FAULT_KINDS, gatewayFaultError, type GatewayFaultKind } from "./gateway-errors";
import { arkError, googleError, openaiError, type Protocol, type SimError } from "./http";
import type { FaultKind } from "./types";

/** The terminal kinds every upstream expresses in its own envelope. */
type Terminal = Exclude<
  FaultKind,
  | "delay"
  | "hang"
  | "moderation"
  | "invalid_json"
  | "truncated_base64"
  | "partial_failure"
  | "short_group"
  | "gemini_text_data_url"
  | "stream_error"
  | "model_list_down"
  | GatewayFaultKind
>;

function openaiFault(kind: Terminal): SimError {
  switch (kind) {
    case "rate_limit":
      return openaiError(
        429,
        "Rate limit exceeded for images per minute in organization org-simulated. Limit: 5/1min. Current: 6/1min.",
        {
          type: "requests",
          code: "rate_limit_exceeded",
        },
      );
    case "quota":
      return openaiError(429, "You exceeded your current quota, please check your plan and billing details.", {
        type: "insufficient_quota",
        code: "insufficient_quota",
      });
    case "auth":
      return openaiError(401, "无效的令牌", { type: "new_api_error", code: "invalid_api_key" });
    case "forbidden":
      return openaiError(403, "该令牌无权访问此模型或分组已被禁用", { type: "new_api_error", code: "access_denied" });
    case "server_error":
      return openaiError(500, "The server had an error while processing your request. Sorry about that!", {
        type: "server_error",
        code: "server_error",
      });
    case "unavailable":
      // An outage, in OpenAI's words; the gateway's "no channel" 503 is the `model_not_found` fault.
      return openaiError(503, "The engine is currently overloaded, please try again later", {
        type: "server_error",
        code: "service_unavailable",
      });
    case "gateway_timeout":
      return openaiError(504, "upstream request timed out", { type: "new_api_error", code: "gateway_timeout" });
  }
}

function geminiFault(kind: Terminal): SimError {
  const messages: Record<Terminal, [number, string]> = {
    rate_limit: [429, "Resource has been exhausted (e.g. check quota)."],
    quota: [429, "You exceeded your current quota, please check your plan and billing details."],
    auth: [401, "API key not valid. Please pass a valid API key."],
    forbidden: [403, "Permission denied: the caller does not have permission."],
    server_error: [
      500,
      "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
    ],
    unavailable: [503, "The model is overloaded. Please try again later."],
    gateway_timeout: [504, "Deadline expired before operation could complete."],
  };
  const [status, message] = messages[kind];
  return googleError(status, message);
}

function arkFault(kind: Terminal): SimError {
  const table: Record<Terminal, [number, string, string]> = {
    rate_limit: [
      429,
      "RateLimitExceeded.EndpointRPMExceeded",
      "The request has exceeded the RPM rate limit of the model. Please try again later.",
    ],
    quota: [429, "QuotaExceeded", "The request has exceeded the quota of your account. Please check your plan."],
    auth: [401, "AuthenticationError", "The API key in the request is missing or invalid."],
    forbidden: [403, "AccessDenied", "You do not have access to the requested resource."],
    server_error: [500, "InternalServiceError", "The service encountered an unexpected internal error."],
    unavailable: [
      503,
      "ServerOverloaded",
      "The service is currently unable to handle additional requests due to server overload.",
    ],
    gateway_timeout: [504, "RequestTimeout", "The request timed out."],
  };
  const [status, code, message] = table[kind];
  return arkError(status, code, message);
}

/** The list endpoints' outage: each in its own envelope (OpenAI's real 503 wording; Google's UNAVAILABLE). */
function modelListDown(protocol: Protocol): SimError {
  if (protocol === "gemini") return googleError(503, "The service is currently unavailable.");
  return openaiError(503, "The server is overloaded or not ready yet.", {
    type: "server_error",
    code: "service_unavailable",
  });
}

const isGatewayKind = (k: FaultKind): k is GatewayFaultKind => (GATEWAY_FAULT_KINDS as readonly string[]).includes(k);

/** The error answer of a terminal fault: the gateway's own in new-api's envelope, the rest in the route's. */
export function terminalFaultError(kind: FaultKind, protocol: Protocol, model: string): SimError {
  if (isGatewayKind(kind)) return gatewayFaultError(kind, model);
  if (kind === "model_list_down") return modelListDown(protocol);
  const k = kind as Terminal;
  const err = protocol === "gemini" ? geminiFault(k) : protocol === "ark" ? arkFault(k) : openaiFault(k);
  if (k === "rate_limit") err.headers["retry-after"] = "1";
  return err;
}

/** The safety block of an OpenAI-format model (§D.2): gpt-image and dall-e differ in type and code. */
export function openaiModerationError(model: string): SimError {
  if (model.startsWith("dall-e")) {
    return openaiError(
      400,
      "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.",
      {
        code: "content_policy_violation",
      },
    );
  }
  return openaiError(
    400,
    "Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com. safety_violations=[violence].",
    {
      type: "image_generation_user_error",
      code: "moderation_blocked",
      extra: { moderation_details: { moderation_stage: "output", categories: ["violence"] } },
    },
  );
}

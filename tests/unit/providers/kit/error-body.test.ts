import { describe, expect, it } from "vitest";
import { readErrorBody } from "@/lib/providers/kit/error-body";

describe("readErrorBody", () => {
  it("reads the OpenAI / new-api envelope", () => {
    const b = readErrorBody(
      JSON.stringify({ error: { message: "m", type: "new_api_error", code: "model_not_found", param: null } }),
    );
    expect(b).toMatchObject({ message: "m", type: "new_api_error", code: "model_not_found", numericCode: null });
  });

  it("reads Google's envelope, also inside a one-element array, with its ErrorInfo reason", () => {
    const google = {
      error: { code: 400, message: "bad key", status: "INVALID_ARGUMENT", details: [{ reason: "API_KEY_INVALID" }] },
    };
    for (const body of [google, [google]]) {
      expect(readErrorBody(JSON.stringify(body))).toMatchObject({
        message: "bad key",
        status: "INVALID_ARGUMENT",
        reason: "API_KEY_INVALID",
        numericCode: 400,
        code: null,
      });
    }
  });

  it("reads Ark's string codes and params", () => {
    const b = readErrorBody(JSON.stringify({ error: { code: "InvalidParameter", message: "size", param: "size" } }));
    expect(b).toMatchObject({ code: "InvalidParameter", param: "size" });
  });

  it("takes a bare string error, a top-level message, short plain text; never an HTML page", () => {
    expect(readErrorBody('{"error":"nope"}').message).toBe("nope");
    expect(readErrorBody('{"message":"top"}').message).toBe("top");
    expect(readErrorBody("Too Many Requests").message).toBe("Too Many Requests");
    expect(readErrorBody("<html>502</html>").message).toBeNull();
    expect(readErrorBody("x".repeat(201)).message).toBeNull();
    expect(readErrorBody('{"error":{"message":5}}').message).toBeNull();
  });
});

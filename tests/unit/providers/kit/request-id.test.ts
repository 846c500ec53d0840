import { describe, expect, it } from "vitest";
import { readRequestIds } from "@/lib/providers/kit/request-id";

const h = (o: Record<string, string>) => new Headers(o);
const same = (s: string) => s;
const NEW_API = { gatewayHeader: "x-oneapi-request-id", vendorHeaders: ["x-request-id"] };

describe("readRequestIds", () => {
  it("puts the gateway's id first and keeps the vendor's beside it", () => {
    const ids = readRequestIds(h({ "x-oneapi-request-id": "g1", "x-request-id": "v1" }), NEW_API, same);
    expect(ids).toEqual({ requestId: "g1", vendorRequestId: "v1" });
  });

  it("falls back to the message suffix new-api appends, then to the vendor's header", () => {
    expect(
      readRequestIds(h({ "x-request-id": "v2" }), { ...NEW_API, message: "quota (request id: g2)" }, same),
    ).toEqual({ requestId: "g2", vendorRequestId: "v2" });
    expect(readRequestIds(h({ "x-request-id": "v3" }), NEW_API, same)).toEqual({
      requestId: "v3",
      vendorRequestId: null,
    });
  });

  it("uses an id from the answer body when no header has one", () => {
    expect(readRequestIds(h({}), { ...NEW_API, bodyId: "resp-1" }, same)).toEqual({
      requestId: "resp-1",
      vendorRequestId: null,
    });
  });

  it("ignores the gateway header when talking to a vendor directly", () => {
    const direct = { gatewayHeader: null, vendorHeaders: ["x-request-id"] };
    expect(readRequestIds(h({ "x-oneapi-request-id": "g", "x-request-id": "v" }), direct, same).requestId).toBe("v");
  });

  it("redacts what it returns and bounds its length", () => {
    const ids = readRequestIds(h({ "x-request-id": `sk-${"a".repeat(300)}` }), NEW_API, (s) =>
      s.replace(/sk-a+/, "[x]"),
    );
    expect(ids.requestId).toBe("[x]");
    expect(readRequestIds(h({ "x-request-id": "z".repeat(500) }), NEW_API, same).requestId).toHaveLength(200);
  });
});

import "server-only";

/**
 * Gateway presets: what differs between the OpenAI-compatible gateways the studio can sit behind
 * (docs/upstreams.md §D.3, §F, §H, §J.3). Chosen by `DMXAPI_GATEWAY`, the admin settings, or else by the
 * base URL's host; `custom` covers anything else.
 */

/** The presets an admin may choose (the simulator's is chosen by the studio itself). */
export const CONFIGURABLE_GATEWAYS = ["dmxapi", "omnimaas", "openai", "custom"] as const;
export const GATEWAY_IDS = [...CONFIGURABLE_GATEWAYS, "simulator"] as const;
export type GatewayId = (typeof GATEWAY_IDS)[number];

export interface GatewayPreset {
  id: GatewayId;
  label: string;
  /** Hosts that select this preset when no setting names one. */
  hosts: readonly string[];
  /** Multipart name of edit images: DMXAPI documents repeated `image`; OpenAI and OmniMaaS `image[]`. */
  imagePartName: "image" | "image[]";
  /** The gateway's own request-id header (new-api); null when the studio talks to the vendor directly. */
  requestIdHeader: string | null;
  /** Error dialect: new-api gateways add their own codes (quota, moderation, no channel). */
  dialect: "new-api" | "openai";
  /** Whether image SSE (`stream: true`, `partial_images`) passes through (§C.2). */
  streams: boolean;
}

export const GATEWAYS: Record<GatewayId, GatewayPreset> = {
  dmxapi: {
    id: "dmxapi",
    label: "DMXAPI",
    hosts: ["www.dmxapi.cn", "www.dmxapi.com", "ssvip.dmxapi.com"],
    imagePartName: "image",
    requestIdHeader: "x-oneapi-request-id",
    dialect: "new-api",
    // §C.2: whether DMXAPI passes image SSE through is UNCONFIRMED; off until a setting says otherwise.
    streams: false,
  },
  omnimaas: {
    id: "omnimaas",
    label: "OmniMaaS",
    hosts: ["api.omnimaas.com"],
    imagePartName: "image[]",
    requestIdHeader: "x-oneapi-request-id",
    dialect: "new-api",
    streams: false,
  },
  openai: {
    id: "openai",
    label: "OpenAI (direct)",
    hosts: ["api.openai.com"],
    imagePartName: "image[]",
    requestIdHeader: null,
    dialect: "openai",
    streams: true,
  },
  custom: {
    id: "custom",
    label: "Custom OpenAI-compatible gateway",
    hosts: [],
    imagePartName: "image",
    requestIdHeader: "x-oneapi-request-id",
    dialect: "new-api",
    streams: false,
  },
  simulator: {
    id: "simulator",
    label: "Built-in simulator",
    hosts: [],
    imagePartName: "image",
    requestIdHeader: "x-oneapi-request-id",
    dialect: "new-api",
    streams: true,
  },
};

/** The preset a config without one gets (new-api, DMXAPI's part name). */
export const DEFAULT_GATEWAY: GatewayPreset = GATEWAYS.custom;

export function gatewayFor(baseUrl: string, chosen?: GatewayId): GatewayPreset {
  if (chosen) return GATEWAYS[chosen];
  let host = "";
  try {
    host = new URL(baseUrl).host.toLowerCase();
  } catch {
    return DEFAULT_GATEWAY;
  }
  return Object.values(GATEWAYS).find((g) => g.hosts.includes(host)) ?? DEFAULT_GATEWAY;
}

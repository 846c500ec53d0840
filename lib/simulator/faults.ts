import "server-only";
import { z } from "zod";
import { FAULT_KINDS, type FaultKind, type FaultRule } from "./types";

export const faultRuleSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    path: z.string().startsWith("/").optional(),
    model: z.string().min(1).optional(),
    times: z.number().int().min(0).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();

export interface ActiveFault extends FaultRule {
  /** Hits left; null = until cleared (`times: 0`). */
  remaining: number | null;
}

/** Where a request landed, as far as faults care. */
export type FaultRoute = "openai" | "gemini" | "ark" | "models" | "files";

const UPSTREAMS: readonly FaultRoute[] = ["openai", "gemini", "ark"];
const GATEWAY: readonly FaultRoute[] = ["openai", "gemini"];

/**
 * Entry kinds stop (or delay) a request before any work. `blanket`: the routes a rule without `path` hits.
 * `reach`: the routes a rule naming a matching `path` hits — served files and model lists only see rules that
 * name them (a list: its exact path), so a fault aimed at the next generation is never eaten by a download or a
 * list refresh.
 * Output kinds are chosen by each route handler (ctx.outputFault) among those it can express.
 */
const ALL: readonly FaultRoute[] = [...UPSTREAMS, "models", "files"];
const UPSTREAM_ENTRY = { blanket: UPSTREAMS, reach: ALL };
// The new-api gateway's own refusals: no gateway stands between the studio and Ark.
const GATEWAY_ENTRY = { blanket: GATEWAY, reach: GATEWAY };
const ENTRY: Partial<Record<FaultKind, { blanket: readonly FaultRoute[]; reach: readonly FaultRoute[] }>> = {
  delay: UPSTREAM_ENTRY,
  hang: UPSTREAM_ENTRY,
  rate_limit: UPSTREAM_ENTRY,
  quota: UPSTREAM_ENTRY,
  auth: UPSTREAM_ENTRY,
  forbidden: UPSTREAM_ENTRY,
  server_error: UPSTREAM_ENTRY,
  unavailable: UPSTREAM_ENTRY,
  gateway_timeout: UPSTREAM_ENTRY,
  insufficient_user_quota: GATEWAY_ENTRY,
  pre_consume_token_quota_failed: GATEWAY_ENTRY,
  sensitive_words_detected: GATEWAY_ENTRY,
  prompt_blocked: GATEWAY_ENTRY,
  model_not_found: GATEWAY_ENTRY,
  model_list_down: { blanket: ["models"], reach: ["models"] },
};
/** The entry kinds that answer in place of the route (all but `delay`). */
const TERMINAL = (Object.keys(ENTRY) as FaultKind[]).filter((k) => k !== "delay");

export interface RequestFacts {
  path: string;
  route: FaultRoute;
  model?: string;
}

export class FaultStore {
  private rules: ActiveFault[] = [];

  add(rule: FaultRule): void {
    const parsed = faultRuleSchema.parse(rule);
    const times = parsed.times ?? 1;
    this.rules.push({ ...parsed, remaining: times === 0 ? null : times });
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /**
   * Before any work: every matching `delay` adds up (each consumed), then the first matching
   * terminal fault is consumed and returned.
   */
  takeEntry(facts: RequestFacts): { delayMs: number; terminal: ActiveFault | null } {
    let delayMs = 0;
    for (const r of this.matching(facts, ["delay"])) {
      delayMs += r.delayMs ?? 0;
      this.consume(r);
    }
    const terminal = this.matching(facts, TERMINAL)[0] ?? null;
    if (terminal) this.consume(terminal);
    return { delayMs, terminal };
  }

  /**
   * After validation: the first matching fault among the kinds this protocol can express
   * (an Ark-only fault stays armed through OpenAI requests).
   */
  takeOutput(facts: RequestFacts, kinds: readonly FaultKind[]): FaultKind | null {
    const hit = this.matching(facts, kinds)[0];
    if (!hit) return null;
    this.consume(hit);
    return hit.kind;
  }

  private matching(facts: RequestFacts, kinds: readonly FaultKind[]): ActiveFault[] {
    return this.rules.filter((r) => {
      if (!kinds.includes(r.kind) || (r.model && r.model !== facts.model)) return false;
      const entry = ENTRY[r.kind];
      if (!entry) return !r.path || facts.path.startsWith(r.path); // output kinds: the handler chose them
      if (!r.path) return entry.blanket.includes(facts.route);
      // A list only sees a rule naming it exactly: "/v1beta/" aimed at generateContent must not break a refresh.
      const named = facts.route === "models" ? r.path === facts.path : facts.path.startsWith(r.path);
      return named && entry.reach.includes(facts.route);
    });
  }

  private consume(rule: ActiveFault): void {
    if (rule.remaining === null) return;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
  }
}

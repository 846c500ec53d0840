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

/** Faults that stop the request before any work (the gateway or the upstream refuses it). */
const TERMINAL: ReadonlySet<FaultKind> = new Set([
  "rate_limit",
  "quota",
  "auth",
  "forbidden",
  "server_error",
  "unavailable",
  "gateway_timeout",
  "hang",
]);

export interface RequestFacts {
  path: string;
  model?: string;
  /** Served files only see rules that name their path explicitly, so a blanket fault never breaks downloads. */
  explicitPathOnly?: boolean;
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
    const terminal = this.matching(facts, [...TERMINAL])[0] ?? null;
    if (terminal) this.consume(terminal);
    return { delayMs, terminal };
  }

  /**
   * After validation: the first matching fault among the kinds this protocol can express
   * (an Ark-only fault stays armed through OpenAI requests).
   */
  takeOutput(facts: RequestFacts, kinds: FaultKind[]): FaultKind | null {
    const hit = this.matching(facts, kinds)[0];
    if (!hit) return null;
    this.consume(hit);
    return hit.kind;
  }

  private matching(facts: RequestFacts, kinds: FaultKind[]): ActiveFault[] {
    return this.rules.filter(
      (r) =>
        kinds.includes(r.kind) &&
        (r.path ? facts.path.startsWith(r.path) : !facts.explicitPathOnly) &&
        (!r.model || r.model === facts.model),
    );
  }

  private consume(rule: ActiveFault): void {
    if (rule.remaining === null) return;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
  }
}

import "server-only";
import { z } from "zod";
import { CATALOG, CATALOG_IDS, catalogEntry, TODAY_IDS, type CatalogApi, type CatalogEntry } from "./catalog";
import type { ListedModelView, ModelListingSetting } from "./types";

const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(d);
  }, "not a calendar day");

const listedModelSchema = z.object({ id: z.string().min(1), shutdownDate: calendarDay.nullable().optional() }).strict();

/** A list of ids: each known to the catalog (Ark ids have no list to be on), none twice. */
const listSchema = z
  .array(listedModelSchema)
  .max(CATALOG_IDS.length)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach(({ id }, i) => {
      if (!catalogEntry(id)) {
        const message = `the simulator has no listable model '${id}' (known: ${CATALOG_IDS.join(", ")})`;
        ctx.addIssue({ code: "custom", path: [i, "id"], message });
      }
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `'${id}' is listed twice` });
      seen.add(id);
    });
  });

export const modelListingSchema = z.union([z.enum(["today", "all"]), listSchema]);

/** `POST /_control/models`: `{ preset }` or `{ models: [...] }`. */
export const controlModelsSchema = z.union([
  z.object({ preset: z.enum(["today", "all"]) }).strict(),
  z.object({ models: listSchema }).strict(),
]);

interface Listed {
  shutdownDate: string | null;
  /** The "all" preset keeps legacy ids answering past their date, so tests can still exercise them. */
  servedPastShutdown: boolean;
}

/** Why a known id is refused right now, or null when it is served (or not ours to judge: unknown ids). */
export type Refusal = "unlisted" | "shut_down" | null;

/** Which ids the gateway lists, with their shutdown dates, and whether it serves them today. */
export class ModelListing {
  private listed = new Map<string, Listed>();
  private preset: "today" | "all" | "custom" = "today";

  constructor(
    private readonly initial: ModelListingSetting,
    private readonly now: () => Date,
  ) {
    this.set(initial);
  }

  set(setting: ModelListingSetting): void {
    const parsed = modelListingSchema.parse(setting);
    this.listed.clear();
    if (parsed === "today") {
      for (const id of TODAY_IDS) this.listed.set(id, { shutdownDate: null, servedPastShutdown: false });
    } else if (parsed === "all") {
      for (const id of CATALOG_IDS)
        this.listed.set(id, { shutdownDate: CATALOG[id].vendorShutdown, servedPastShutdown: true });
    } else {
      for (const m of parsed)
        this.listed.set(m.id, { shutdownDate: m.shutdownDate ?? null, servedPastShutdown: false });
    }
    this.preset = typeof parsed === "string" ? parsed : "custom";
  }

  reset(): void {
    this.set(this.initial);
  }

  /** A shutdown day has "come" from its first UTC second: that day the model no longer answers. */
  private pastShutdown(m: Listed): boolean {
    return m.shutdownDate !== null && this.now().toISOString().slice(0, 10) >= m.shutdownDate;
  }

  refusal(id: string): Refusal {
    if (!catalogEntry(id)) return null;
    const m = this.listed.get(id);
    if (!m) return "unlisted";
    return this.pastShutdown(m) && !m.servedPastShutdown ? "shut_down" : null;
  }

  /** Listed ids in catalog order, optionally of one API, with their catalog facts. */
  entries(api?: CatalogApi): (CatalogEntry & { id: string; shutdownDate: string | null })[] {
    return CATALOG_IDS.filter((id) => this.listed.has(id) && (!api || CATALOG[id].api === api)).map((id) => ({
      id,
      ...CATALOG[id],
      shutdownDate: this.listed.get(id)!.shutdownDate,
    }));
  }

  view(): { preset: "today" | "all" | "custom"; models: ListedModelView[] } {
    const models = this.entries().map((m) => ({
      id: m.id,
      api: m.api,
      shutdownDate: m.shutdownDate,
      served: this.refusal(m.id) === null,
    }));
    return { preset: this.preset, models };
  }
}

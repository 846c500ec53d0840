import path from "node:path";
import { test as base } from "@playwright/test";

export { expect } from "@playwright/test";
export type { APIRequestContext, Page } from "@playwright/test";

/** The first admin's browser session, saved by the first-run setup test for every other spec. */
export const adminStatePath = () => path.join(process.env.ATELIER_E2E_DATA ?? ".", "admin-state.json");

/** What the first-run spec creates; the other specs' pages are signed in as this admin (playwright.config.ts). */
export const E2E_ADMIN = { name: "Ada Admin", email: "ada@atelier.test", password: "e2e admin password 1" };

/**
 * The specs' `test`: pages use the signed-in admin's cookie from the config's storage state, while the API
 * steps (`request`) act as the run's STUDIO_ADMIN_TOKEN, the way CI scripts talk to a studio — a request
 * context sends no Origin, so a cookie would be refused on changes, as it should be.
 */
export const test = base.extend({
  request: async ({ playwright, baseURL }, provide) => {
    const ctx = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${process.env.ATELIER_E2E_ADMIN_TOKEN}` },
    });
    await provide(ctx);
    await ctx.dispose();
  },
});

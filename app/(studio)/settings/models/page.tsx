// /settings/models – the admin's model settings over the deployment's STUDIO_MODELS_FILE (admins only)
import type { Metadata } from "next";
import { Forbidden } from "@/components/auth/forbidden";
import { ModelSettings } from "@/components/settings/model-settings";
import { pageAllows, requirePageActor } from "@/lib/auth/page";
import { loadCatalog } from "@/lib/catalog";
import { modelSettingsView } from "@/lib/catalog/settings";
import { requestLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t("settings.models.metaTitle") };
}

export default async function ModelSettingsPage() {
  const actor = await requirePageActor();
  if (!pageAllows(actor, "administer")) return <Forbidden t={(await requestLocale()).t} roles={["admin"]} />;
  // Both answers are in the first paint; afterwards the page talks to the routes the API offers.
  const catalog = await loadCatalog();
  const view = await modelSettingsView();
  return <ModelSettings initialView={view} initialCatalog={catalog} />;
}

// /audit – the audit log: who did what, filtered and downloadable (admins and managers)
import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLog } from "@/components/audit/audit-log";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAllows, requirePageActor } from "@/lib/auth/page";
import { requestLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t("audit.metaTitle") };
}

export default async function AuditPage() {
  const actor = await requirePageActor();
  if (!pageAllows(actor, "manage")) return <Forbidden t={(await requestLocale()).t} roles={["admin", "manager"]} />;
  // The filters are the URL's and the day range is the reader's time zone: the browser reads the log.
  return (
    <Suspense>
      <AuditLog />
    </Suspense>
  );
}

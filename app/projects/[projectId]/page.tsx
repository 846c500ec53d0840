import Link from "next/link";
import { notFound } from "next/navigation";
import { requestLocale } from "@/lib/i18n/server";
import { findProjectOrNull } from "@/lib/projects";

export const dynamic = "force-dynamic";

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const project = findProjectOrNull(projectId);
  if (!project) notFound();
  const { t } = await requestLocale();
  return (
    <div className="space-y-6">
      <Link href="/" className="text-sm text-ink-soft hover:text-ink">
        ← {t("projects.back")}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight" data-testid="project-title">
        {project.name}
      </h1>
      <p className="rounded-xl border border-dashed border-zinc-300 bg-white p-8 text-sm text-ink-soft">{t("studio.comingSoon")}</p>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveBadge } from "@/components/studio/live-badge";
import { Studio } from "@/components/studio/studio";
import { requirePageActor } from "@/lib/auth/page";
import { requestLocale } from "@/lib/i18n/server";
import { findProjectOrNull } from "@/lib/projects";

export const dynamic = "force-dynamic";

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  await requirePageActor();
  const { projectId } = await params;
  const project = await findProjectOrNull(projectId);
  if (!project) notFound();
  const { t } = await requestLocale();
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-2 text-sm">
        <Link href="/" className="text-ink-soft hover:text-ink">
          {t("projects.back")}
        </Link>
        <span aria-hidden className="text-ink-faint">
          /
        </span>
        <h1 className="truncate text-lg font-semibold tracking-tight" data-testid="project-title">
          {project.name}
        </h1>
        <LiveBadge className="ml-auto" />
      </div>
      <Studio projectId={project.id} />
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSession } from "@/components/auth/session-provider";
import { toastError } from "@/components/errors/toast-error";
import { useI18n } from "@/components/i18n/locale-provider";
import { api } from "@/lib/client/api";
import type { Project } from "@/lib/contracts/projects";
import { toast } from "@/lib/stores/toasts";
import { CreateProjectForm } from "./create-project-form";
import { ProjectCard } from "./project-card";

/** Home: the project list with create / rename / delete, kept in sync with the server's answers. */
export function ProjectsView({
  initialProjects,
  covers,
}: {
  initialProjects: Project[];
  covers: Record<string, string[]>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const router = useRouter();
  const [projects, setProjects] = useState(initialProjects);
  // A fresh server render (after router.refresh) replaces the local list.
  const [rendered, setRendered] = useState(initialProjects);
  if (rendered !== initialProjects) {
    setRendered(initialProjects);
    setProjects(initialProjects);
  }
  // Every mutation also refreshes the server render, which clears the router cache: back/forward
  // navigation must not show a list from before the change.
  const changed = () => router.refresh();

  const fail = (err: unknown) => toastError(t, err);

  async function create(name: string): Promise<boolean> {
    try {
      const { project } = await api<{ project: Project }>("/api/projects", { method: "POST", body: { name } });
      setProjects((ps) => [project, ...ps]);
      changed();
      toast.success(t("projects.toast.created"));
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }

  async function rename(id: string, name: string): Promise<boolean> {
    try {
      const { project } = await api<{ project: Project }>(`/api/projects/${id}`, { method: "PATCH", body: { name } });
      setProjects((ps) => ps.map((p) => (p.id === id ? project : p)));
      changed();
      toast.success(t("projects.toast.renamed"));
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }

  async function remove(id: string): Promise<boolean> {
    try {
      await api(`/api/projects/${id}`, { method: "DELETE" });
      setProjects((ps) => ps.filter((p) => p.id !== id));
      changed();
      toast.success(t("projects.toast.deleted"));
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("projects.title")}</h1>
          <p className="mt-1 text-sm text-ink-soft">{t("projects.subtitle")}</p>
        </div>
        {session.can("create") && <CreateProjectForm onCreate={create} />}
      </div>
      {projects.length === 0 ? (
        <div
          className="rounded-2xl border border-dashed border-zinc-300 bg-white px-6 py-16 text-center"
          data-testid="projects-empty"
        >
          <p className="text-base font-medium">{t("projects.empty.title")}</p>
          <p className="mt-1 text-sm text-ink-soft">{t("projects.empty.body")}</p>
        </div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("projects.title")}>
          {projects.map((p) => (
            <ProjectCard
              key={p.id}
              project={p}
              cover={covers[p.id] ?? []}
              onRename={rename}
              onDelete={remove}
              manageable={session.can("manage")}
              author={p.createdBy ? session.names[p.createdBy] : undefined}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

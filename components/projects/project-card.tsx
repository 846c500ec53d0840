"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Project } from "@/lib/contracts/projects";
import { projectNameSchema } from "@/lib/contracts/projects";

interface Props {
  project: Project;
  /** Thumbnail URLs of the newest pictures; a gradient stands in while there are none. */
  cover: string[];
  onRename: (id: string, name: string) => Promise<boolean>;
  onDelete: (id: string) => Promise<boolean>;
  /** Rename and delete are a manager's (docs/api.md roles table). */
  manageable: boolean;
  author?: string;
}

/** Stable pleasant hue per project, so cards are recognisable at a glance. */
function hueOf(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

export function ProjectCard({ project, cover, onRename, onDelete, manageable, author }: Props) {
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(project.name);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const hue = hueOf(project.id);

  async function saveName(e: FormEvent) {
    e.preventDefault();
    if (!projectNameSchema.safeParse(name).success) return;
    setBusy(true);
    if (await onRename(project.id, name)) setEditing(false);
    setBusy(false);
  }

  async function confirmDelete() {
    setBusy(true);
    const ok = await onDelete(project.id);
    setBusy(false);
    if (!ok) setConfirming(false);
  }

  const updated = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(project.updatedAt),
  );

  return (
    <li
      data-testid="project-card"
      className="group overflow-hidden rounded-2xl border border-zinc-200 bg-white shadow-card transition-shadow hover:shadow-lift"
    >
      <Link
        href={`/projects/${project.id}`}
        tabIndex={-1}
        aria-hidden
        className="grid h-28 grid-cols-4 gap-px overflow-hidden bg-zinc-100"
        style={{ background: `linear-gradient(135deg, hsl(${hue} 85% 92%), hsl(${(hue + 40) % 360} 80% 84%))` }}
      >
        {cover.map((url) => (
          // eslint-disable-next-line @next/next/no-img-element
          <img key={url} src={url} alt="" loading="lazy" className="size-full object-cover" />
        ))}
      </Link>
      <div className="space-y-3 p-4">
        {editing ? (
          <form onSubmit={saveName} className="flex gap-2">
            <input
              autoFocus
              aria-label={t("projects.renameLabel", { name: project.name })}
              value={name}
              maxLength={120}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === "Escape" && (setEditing(false), setName(project.name))}
              className="min-w-0 flex-1 rounded-md border border-zinc-300 px-2 py-1 text-sm focus:border-brand-400 focus:outline-none focus:ring-2 focus:ring-brand-100"
            />
            <Button type="submit" variant="primary" className="px-2.5 py-1" disabled={busy}>
              {t("projects.save")}
            </Button>
            <Button className="px-2.5 py-1" onClick={() => (setEditing(false), setName(project.name))}>
              {t("projects.cancel")}
            </Button>
          </form>
        ) : (
          <Link
            href={`/projects/${project.id}`}
            className="block truncate text-base font-medium hover:text-brand-700"
            data-testid="project-name"
          >
            {project.name}
          </Link>
        )}
        <div className="flex items-center justify-between text-xs text-ink-soft">
          <span>
            {t("projects.assets", { count: project.assetCount })}
            {author && <span className="text-ink-faint"> · {t("auth.madeBy", { name: author })}</span>}
          </span>
          <time dateTime={project.updatedAt} suppressHydrationWarning>
            {t("projects.updated", { when: updated })}
          </time>
        </div>
        {manageable && (
          <div className="flex gap-1 border-t border-zinc-100 pt-3">
            <Button
              variant="ghost"
              className="px-2 py-1 text-xs"
              onClick={() => setEditing(true)}
              aria-label={`${t("projects.rename")} ${project.name}`}
            >
              {t("projects.rename")}
            </Button>
            <Button
              variant="ghost"
              className="px-2 py-1 text-xs text-red-600 hover:bg-red-50 hover:text-red-700"
              onClick={() => setConfirming(true)}
              aria-label={`${t("projects.delete")} ${project.name}`}
            >
              {t("projects.delete")}
            </Button>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        title={t("projects.deleteConfirm.title", { name: project.name })}
        body={t("projects.deleteConfirm.body", { count: project.assetCount })}
        confirmLabel={t("projects.deleteConfirm.confirm")}
        cancelLabel={t("projects.cancel")}
        busy={busy}
        onConfirm={confirmDelete}
        onCancel={() => setConfirming(false)}
      />
    </li>
  );
}

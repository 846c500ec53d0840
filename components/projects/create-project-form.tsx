"use client";

import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { Button } from "@/components/ui/button";
import { projectNameSchema } from "@/lib/contracts/projects";

export function CreateProjectForm({ onCreate }: { onCreate: (name: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const valid = projectNameSchema.safeParse(name).success;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    if (await onCreate(name)) setName("");
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="flex w-full max-w-md gap-2">
      <label className="sr-only" htmlFor="new-project-name">
        {t("projects.nameLabel")}
      </label>
      <input
        id="new-project-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t("projects.namePlaceholder")}
        maxLength={120}
        className="min-w-0 flex-1 rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm shadow-card placeholder:text-ink-faint focus:border-brand-400 focus:outline-none focus:ring-2 focus:ring-brand-100"
      />
      <Button type="submit" variant="primary" disabled={!valid || busy}>
        {busy ? t("projects.creating") : t("projects.new")}
      </Button>
    </form>
  );
}

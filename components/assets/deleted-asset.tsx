import Link from "next/link";
import type { Translate } from "@/lib/i18n";

/** What a link to a deleted image shows (the editor page): when, by whom, and the way back to its project. */
export function DeletedAsset({
  t,
  projectId,
  projectName,
  deletion,
}: {
  t: Translate;
  projectId: string;
  projectName: string;
  deletion: { at: string; by: string | null };
}) {
  const when = new Date(deletion.at).toISOString().slice(0, 16).replace("T", " ");
  return (
    <div
      data-testid="asset-deleted"
      className="mx-auto mt-8 max-w-lg rounded-2xl border border-zinc-200 bg-white p-8 text-center shadow-card"
    >
      <h1 className="text-lg font-semibold">{t("assets.deletedPage.title")}</h1>
      <p className="mt-2 text-sm text-ink-soft">
        {deletion.by
          ? t("assets.deletedPage.byWhom", { name: deletion.by, when })
          : t("assets.deletedPage.when", { when })}
      </p>
      <Link
        href={`/projects/${projectId}`}
        className="mt-5 inline-flex rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t("assets.deletedPage.back", { project: projectName })}
      </Link>
    </div>
  );
}

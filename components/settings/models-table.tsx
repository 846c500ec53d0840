import type { Translate } from "@/lib/i18n";
import { AvailabilityBadge } from "./availability-badge";
import { controlClass, DeploymentNote, FieldError } from "./field";
import {
  fieldKey,
  type Draft,
  type DraftEntry,
  type FieldErrors,
  type ModelRow,
  type ModelsConfig,
  type RowGroup,
} from "./settings-logic";

export interface RowActions {
  setHidden: (id: string, hidden: boolean) => void;
  setField: (id: string, field: "label" | "timeout", value: string) => void;
  remove: (id: string) => void;
}

const COLS = ["model", "status", "source", "shutdown", "hide", "label", "timeout"] as const;

/** Every model the studio knows, grouped by provider · family, with what an admin may set per model. */
export function ModelsTable({
  t,
  groups,
  draft,
  file,
  errors,
  actions,
}: {
  t: Translate;
  groups: RowGroup[];
  draft: Draft;
  file: ModelsConfig;
  errors: FieldErrors;
  actions: RowActions;
}) {
  const entries = new Map(draft.entries.map((e) => [e.id, e]));
  const fileEntries = new Map((file.models ?? []).map((m) => [m.id, m]));
  const fileHidden = new Set(file.hidden ?? []);
  const hidden = new Set(draft.hidden);
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200">
      <table className="w-full min-w-[960px] border-collapse text-left text-sm">
        <colgroup>
          <col />
          <col className="w-28" />
          <col className="w-28" />
          <col className="w-28" />
          <col className="w-16" />
          <col className="w-56" />
          <col className="w-32" />
          <col className="w-24" />
        </colgroup>
        <thead className="bg-zinc-50 text-[11px] font-medium uppercase tracking-wide text-ink-faint">
          <tr>
            {COLS.map((c) => (
              <th key={c} scope="col" className="px-3 py-2 font-medium">
                {t(`settings.col.${c}`)}
              </th>
            ))}
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">{t("settings.remove")}</span>
            </th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.key} data-testid="settings-group" data-group={g.key}>
            <tr className="border-t border-zinc-200 bg-zinc-50/60">
              <th
                colSpan={COLS.length + 1}
                scope="rowgroup"
                className="px-3 py-1.5 text-xs font-semibold text-ink-soft"
              >
                {g.provider.label} · {g.familyLabel}
              </th>
            </tr>
            {g.rows.map((row) => (
              <ModelRowView
                key={row.id}
                t={t}
                row={row}
                entry={entries.get(row.id)}
                fileEntry={fileEntries.get(row.id)}
                hidden={hidden.has(row.id) || fileHidden.has(row.id)}
                hiddenByFile={fileHidden.has(row.id)}
                errors={errors}
                actions={actions}
              />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function ModelRowView({
  t,
  row,
  entry,
  fileEntry,
  hidden,
  hiddenByFile,
  errors,
  actions,
}: {
  t: Translate;
  row: ModelRow;
  entry: DraftEntry | undefined;
  fileEntry: NonNullable<ModelsConfig["models"]>[number] | undefined;
  hidden: boolean;
  hiddenByFile: boolean;
  errors: FieldErrors;
  actions: RowActions;
}) {
  const key = (f: Parameters<typeof fieldKey>[1]) => fieldKey(row.id, f);
  const errId = (f: Parameters<typeof fieldKey>[1]) => `err-${row.id}-${f}`;
  const described = (f: Parameters<typeof fieldKey>[1]) => (errors[key(f)] ? errId(f) : undefined);
  // Added on this page (not by the deployment): the admin may take it out again.
  const removable = Boolean(entry && (entry.family || entry.aliasOf) && !fileEntry);
  const deprecated = row.availability === "deprecated";
  return (
    <tr
      className={`border-t border-zinc-100 align-top ${hidden ? "bg-zinc-50/80 text-ink-faint" : ""}`}
      data-testid="settings-model-row"
      data-model-id={row.id}
      data-hidden={hidden || undefined}
    >
      <td className="px-3 pb-2.5 pt-3">
        <div className="space-y-1">
          <p className={`font-medium ${hidden ? "text-ink-soft" : "text-ink"}`}>{row.label}</p>
          <p className="break-all font-mono text-[11px] text-ink-faint">
            {row.id}
            {row.aliasOf && <span className="font-sans"> · {t("settings.aliasOf", { model: row.aliasOf })}</span>}
          </p>
          {row.unconfirmed.length > 0 && (
            <details className="text-[11px] text-ink-faint">
              <summary className="cursor-pointer select-none hover:text-ink-soft">
                {t("settings.unconfirmed", { count: row.unconfirmed.length })}
              </summary>
              <ul className="mt-1 list-disc space-y-0.5 pl-4 leading-snug">
                {row.unconfirmed.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          )}
          <FieldError id={errId("entry")} message={errors[key("entry")]} />
        </div>
      </td>
      <td className="px-3 pb-2.5 pt-3">
        <AvailabilityBadge t={t} row={row} />
      </td>
      <td className="px-3 pb-2.5 pt-3.5 text-xs text-ink-soft">{t(`settings.source.${row.source}`)}</td>
      <td
        className={`whitespace-nowrap px-3 pb-2.5 pt-3.5 font-mono text-xs ${deprecated ? "font-medium text-amber-800" : "text-ink-soft"}`}
        data-testid="shutdown-date"
      >
        {row.shutdownDate ?? "—"}
      </td>
      <td className="px-3 pb-2.5 pt-2">
        <input
          type="checkbox"
          checked={hidden}
          disabled={hiddenByFile}
          onChange={(e) => actions.setHidden(row.id, e.target.checked)}
          aria-label={t("settings.hideLabel", { model: row.id })}
          aria-describedby={described("hidden")}
          title={hiddenByFile ? t("settings.deployment.value", { value: t("settings.badge.hidden") }) : undefined}
          className="mt-1.5 size-4 rounded border-zinc-300 accent-brand-600"
        />
        <FieldError id={errId("hidden")} message={errors[key("hidden")]} />
      </td>
      <td className="space-y-1 px-3 py-2">
        <input
          value={entry?.label ?? ""}
          onChange={(e) => actions.setField(row.id, "label", e.target.value)}
          placeholder={fileEntry?.label ?? row.baseLabel}
          maxLength={120}
          aria-label={t("settings.labelLabel", { model: row.id })}
          aria-invalid={Boolean(errors[key("label")]) || undefined}
          aria-describedby={described("label")}
          className={controlClass(Boolean(errors[key("label")]), "w-full px-2.5 py-1.5 text-xs")}
        />
        <FieldError id={errId("label")} message={errors[key("label")]} />
        {fileEntry?.label && (
          <DeploymentNote>{t("settings.deployment.value", { value: fileEntry.label })}</DeploymentNote>
        )}
      </td>
      <td className="space-y-1 px-3 py-2">
        <input
          type="number"
          inputMode="numeric"
          value={entry?.timeout ?? ""}
          onChange={(e) => actions.setField(row.id, "timeout", e.target.value)}
          placeholder={fileEntry?.timeoutS ? String(fileEntry.timeoutS) : t("settings.timeoutPlaceholder")}
          aria-label={t("settings.timeoutLabel", { model: row.id })}
          aria-invalid={Boolean(errors[key("timeoutS")]) || undefined}
          aria-describedby={described("timeoutS")}
          className={controlClass(Boolean(errors[key("timeoutS")]), "w-full px-2.5 py-1.5 text-xs tabular-nums")}
        />
        <FieldError id={errId("timeoutS")} message={errors[key("timeoutS")]} />
        {fileEntry?.timeoutS && (
          <DeploymentNote>{t("settings.deployment.value", { value: `${fileEntry.timeoutS} s` })}</DeploymentNote>
        )}
      </td>
      <td className="px-3 py-2 text-right">
        {removable && (
          <button
            type="button"
            onClick={() => actions.remove(row.id)}
            aria-label={t("settings.removeLabel", { model: row.id })}
            className="rounded-md px-2 py-1 text-xs font-medium text-ink-soft hover:bg-red-50 hover:text-red-700"
          >
            {t("settings.remove")}
          </button>
        )}
      </td>
    </tr>
  );
}

"use client";

import { useState, type ReactNode } from "react";
import { useSession } from "@/components/auth/session-provider";
import { useI18n } from "@/components/i18n/locale-provider";
import { paramLabel, valueLabel } from "@/components/panel/param-text";
import { usageLabel } from "./usage-text";
import { AssetImage } from "@/components/ui/asset-image";
import { CopyButton } from "@/components/ui/copy-button";
import type { Asset } from "@/lib/contracts/assets";
import type { Generation } from "@/lib/contracts/generations";
import { modelLabel, useModels } from "@/lib/stores/models";

function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="space-y-1.5">
      <div className="flex items-center justify-between">
        <h3 className="text-[11px] font-semibold uppercase tracking-wider text-ink-faint">{title}</h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** Nested usage objects as dotted rows: { input_tokens_details: { image_tokens } } → input_tokens_details.image_tokens. */
export function flattenUsage(usage: Record<string, unknown> | null | undefined, prefix = ""): [string, string][] {
  if (!usage) return [];
  return Object.entries(usage).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v)) return flattenUsage(v as Record<string, unknown>, key);
    return [[key, typeof v === "number" ? v.toLocaleString() : String(v)] as [string, string]];
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

function Lineage({ ids, onOpen }: { ids: string[]; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const [gone, setGone] = useState<string[]>([]);
  return (
    <ul className="flex flex-wrap gap-2" data-testid="detail-lineage">
      {ids.map((id, i) => (
        <li key={id}>
          {gone.includes(id) ? (
            <span className="grid size-14 place-items-center rounded-lg border border-dashed border-zinc-300 text-center text-[10px] text-ink-faint">
              {t("detail.parentGone")}
            </span>
          ) : (
            <button
              type="button"
              onClick={() => onOpen(id)}
              aria-label={t("detail.openParent", { index: i + 1 })}
              className="block size-14 overflow-hidden rounded-lg border border-zinc-200 bg-checker hover:ring-2 hover:ring-brand-300"
            >
              <AssetImage
                src={`/api/assets/${id}/file?variant=thumb`}
                alt=""
                className="size-full object-cover"
                onError={() => setGone((g) => [...g, id])}
              />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function Params({ asset }: { asset: Asset }) {
  const { t } = useI18n();
  const card = useModels((s) => s.catalog?.models.find((m) => m.id === asset.model));
  if (!asset.params || Object.keys(asset.params).length === 0) return null;
  return (
    <Section title={t("detail.params")}>
      <ul className="flex flex-wrap gap-1.5" data-testid="detail-params">
        {Object.entries(asset.params).map(([k, v]) => (
          <li key={k} className="rounded-md border border-zinc-200 bg-white px-2 py-0.5 text-xs">
            <span className="text-ink-faint">{paramLabel(t, k, card?.params[k])}</span>{" "}
            <span className="font-medium">{valueLabel(t, v)}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Usage({ generation }: { generation: Generation | null }) {
  const { t } = useI18n();
  const usage = flattenUsage(generation?.usage);
  return (
    <Section title={t("detail.usage")}>
      {usage.length === 0 ? (
        <p className="text-xs text-ink-faint">{generation ? t("detail.noUsage") : t("detail.loadingUsage")}</p>
      ) : (
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-[11px]" data-testid="detail-usage">
          {usage.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="truncate text-ink-faint" title={k}>
                {usageLabel(t, k)}
              </dt>
              <dd className="text-right tabular-nums text-ink">{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </Section>
  );
}

function Facts({ asset }: { asset: Asset }) {
  const { t, locale } = useI18n();
  const catalog = useModels((s) => s.catalog);
  const names = useSession().names;
  const facts: [string, string][] = [
    ...(asset.originalName ? [[t("detail.originalName"), asset.originalName] as [string, string]] : []),
    [t("detail.model"), asset.model ? modelLabel(catalog, asset.model) : "—"],
    [t("detail.kind"), t(`assets.kind.${asset.kind}`)],
    [t("detail.size"), `${asset.width} × ${asset.height}`],
    [t("detail.file"), `${asset.mimeType.replace("image/", "").toUpperCase()} · ${formatBytes(asset.bytes)}`],
    [
      t("detail.created"),
      new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(asset.createdAt)),
    ],
    [t("detail.createdBy"), asset.createdBy ? (names[asset.createdBy] ?? "—") : t("auth.menu.tokenActor")],
  ];
  return (
    <dl
      className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 rounded-xl bg-zinc-50 p-3 text-xs"
      data-testid="detail-facts"
    >
      {facts.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-ink-faint">{k}</dt>
          <dd className="text-right font-medium text-ink [overflow-wrap:anywhere]">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Everything known about an asset: prompt, model, params, size, usage, lineage. */
export function AssetMeta({
  asset,
  generation,
  onOpenParent,
}: {
  asset: Asset;
  generation: Generation | null;
  onOpenParent: (id: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="space-y-5 text-sm">
      <Section
        title={t("detail.prompt")}
        aside={asset.prompt ? <CopyButton text={asset.prompt} label={t("detail.copyPrompt")} /> : null}
      >
        <p className="whitespace-pre-wrap leading-relaxed text-ink" data-testid="detail-prompt">
          {asset.prompt ?? <span className="text-ink-faint">{t("detail.noPrompt")}</span>}
        </p>
      </Section>
      {asset.revisedPrompt && (
        <Section title={t("detail.revisedPrompt")}>
          <p className="whitespace-pre-wrap leading-relaxed text-ink-soft" data-testid="detail-revised-prompt">
            {asset.revisedPrompt}
          </p>
        </Section>
      )}
      <Facts asset={asset} />
      <Params asset={asset} />
      {asset.generationId && <Usage generation={generation} />}
      {asset.parentAssetIds.length > 0 && (
        <Section title={t("detail.lineage")}>
          <Lineage ids={asset.parentAssetIds} onOpen={onOpenParent} />
        </Section>
      )}
    </div>
  );
}

"use client";

import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { IconCheck, IconCopy } from "./icons";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (permissions, insecure origin): the old way still works in most browsers.
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyButton({ text, label, className = "" }: { text: string; label: string; className?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(id);
  }, [copied]);
  return (
    <button
      type="button"
      onClick={async () => setCopied(await copyText(text))}
      aria-label={label}
      title={copied ? t("actions.copied") : label}
      className={`inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs text-ink-soft hover:bg-zinc-100 hover:text-ink ${className}`}
    >
      {copied ? <IconCheck size={13} className="text-emerald-600" /> : <IconCopy size={13} />}
      <span>{copied ? t("actions.copied") : t("actions.copy")}</span>
    </button>
  );
}

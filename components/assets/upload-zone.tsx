"use client";

import { createContext, useContext, useRef, useState, type DragEvent, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { IconUpload } from "@/components/ui/icons";
import { UPLOAD_TYPES, useAssetActions } from "./use-asset-actions";

const PickContext = createContext<() => void>(() => undefined);

/** Opens the file picker of the surrounding UploadZone. */
export const usePickFiles = () => useContext(PickContext);

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes("Files");

/** Drop images anywhere on the studio, or pick several at once; both end in one multipart upload. */
export function UploadZone({
  projectId,
  children,
  className = "",
}: {
  projectId: string;
  children: ReactNode;
  className?: string;
}) {
  const { t } = useI18n();
  const { upload } = useAssetActions();
  const input = useRef<HTMLInputElement>(null);
  const depth = useRef(0);
  const [over, setOver] = useState(false);
  const send = (files: File[]) => files.length > 0 && void upload(projectId, files);

  return (
    <PickContext.Provider value={() => input.current?.click()}>
      <div
        className={`relative ${className}`}
        data-testid="upload-zone"
        onDragEnter={(e) => {
          if (!hasFiles(e)) return;
          depth.current += 1;
          setOver(true);
        }}
        onDragOver={(e) => hasFiles(e) && e.preventDefault()}
        onDragLeave={(e) => {
          if (!hasFiles(e)) return;
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setOver(false);
        }}
        onDrop={(e) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          depth.current = 0;
          setOver(false);
          send([...e.dataTransfer.files]);
        }}
      >
        {children}
        {over && (
          <div
            className="pointer-events-none absolute inset-0 z-20 grid place-items-center rounded-2xl border-2 border-dashed border-brand-400 bg-brand-50/85 backdrop-blur-sm"
            data-testid="drop-overlay"
          >
            <div className="flex flex-col items-center gap-2 text-brand-700">
              <IconUpload size={32} />
              <p className="text-base font-semibold">{t("upload.drop")}</p>
              <p className="text-xs text-brand-600">{t("upload.types")}</p>
            </div>
          </div>
        )}
        <input
          ref={input}
          type="file"
          multiple
          accept={UPLOAD_TYPES.join(",")}
          className="hidden"
          data-testid="upload-input"
          aria-label={t("upload.button")}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = "";
            send(files);
          }}
        />
      </div>
    </PickContext.Provider>
  );
}

import { Input } from "@mantine/core";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A real `<input type="file">` under a Mantine label: screen readers, keyboards and test drivers
 * (`setInputFiles` on the label) all reach it. The input is transparent over a box that says, in the app's
 * language, "Choisir un fichier" and the chosen file's name (the browser's own button speaks the browser's
 * language); a file can also be dropped on the box.
 */
export function FilePicker({
  label,
  accept,
  onChange,
  error,
  description,
  resetKey,
}: {
  label: string;
  accept?: string;
  onChange: (file: File | null) => void;
  error?: string;
  description?: string;
  /** Change it to clear the input. */
  resetKey?: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key clears the input, so the name goes too
  useEffect(() => setName(null), [resetKey]);
  return (
    <Input.Wrapper label={label} error={error} description={description} id={id}>
      <div className="file-picker" data-invalid={error ? "true" : undefined}>
        <input
          key={resetKey}
          id={id}
          type="file"
          className="file-picker-input"
          accept={accept}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0] ?? null;
            setName(file?.name ?? null);
            onChange(file);
          }}
        />
        <span className="file-picker-button" aria-hidden="true">
          {t("common.choose_file")}
        </span>
        <span className={name ? "file-picker-name" : "file-picker-name file-picker-empty"} aria-hidden="true">
          {name ?? t("common.no_file")}
        </span>
      </div>
    </Input.Wrapper>
  );
}

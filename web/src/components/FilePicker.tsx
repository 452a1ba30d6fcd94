import { Input } from "@mantine/core";
import { useId, useRef } from "react";

/**
 * A real `<input type="file">` under a Mantine label: screen readers, keyboards and test drivers
 * (`setInputFiles` on the label) all reach it.
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
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  return (
    <Input.Wrapper label={label} error={error} description={description} id={id}>
      <input
        key={resetKey}
        ref={ref}
        id={id}
        type="file"
        className="file-picker"
        accept={accept}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
      />
    </Input.Wrapper>
  );
}

import { ActionIcon, TextInput, type TextInputProps } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, isIsoDate, parseDate } from "../format";

function toText(value: string): string {
  return isIsoDate(value) ? formatDate(value) : value;
}

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <rect x="3" y="5" width="18" height="16" rx="2" stroke="currentColor" strokeWidth="2" />
      <path d="M3 10h18M8 3v4M16 3v4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/**
 * A date written JJ/MM/AAAA whatever the browser's own language (a native date input shows "mm/dd/yyyy" in an
 * English browser), with the browser's calendar behind the icon. `value` is "YYYY-MM-DD" or ""; `onChange` gets
 * "YYYY-MM-DD", "" when emptied, or the typed text while it is not a date (so that the form's check refuses it).
 */
export function DateField({
  label,
  value,
  onChange,
  error,
  required,
  description,
  w,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  description?: string;
  w?: TextInputProps["w"];
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => toText(value));
  const [blurred, setBlurred] = useState(false);
  const emitted = useRef(value);
  const picker = useRef<HTMLInputElement>(null);

  // A value set from outside (today's date arriving, filters cleared) replaces what is shown.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(toText(value));
    }
  }, [value]);

  function emit(next: string) {
    emitted.current = next;
    onChange(next);
  }

  function typed(next: string) {
    setText(next);
    const trimmed = next.trim();
    emit(trimmed === "" ? "" : (parseDate(trimmed) ?? trimmed));
  }

  function openCalendar() {
    const input = picker.current;
    if (!input) return;
    try {
      input.showPicker();
    } catch {
      // No calendar in this browser: typing the date still works.
    }
  }

  const iso = parseDate(text);
  const invalid = blurred && text.trim() !== "" && iso === null;

  return (
    <TextInput
      label={label}
      description={description}
      required={required}
      w={w}
      value={text}
      placeholder={t("common.date_placeholder")}
      autoComplete="off"
      onChange={(e) => typed(e.currentTarget.value)}
      onFocus={() => setBlurred(false)}
      onBlur={() => {
        setBlurred(true);
        if (iso) setText(formatDate(iso));
      }}
      error={error ?? (invalid ? t("validation.date") : undefined)}
      rightSectionPointerEvents="all"
      rightSection={
        <>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={openCalendar}
            aria-label={t("common.open_calendar")}
          >
            <CalendarIcon />
          </ActionIcon>
          <input
            ref={picker}
            type="date"
            className="date-picker-proxy"
            tabIndex={-1}
            aria-hidden="true"
            value={iso ?? ""}
            onChange={(e) => {
              const picked = e.currentTarget.value;
              setText(toText(picked));
              emit(picked);
            }}
          />
        </>
      }
    />
  );
}

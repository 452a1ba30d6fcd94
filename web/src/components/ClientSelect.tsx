import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getClient, listClients } from "../api/clients";

/** A searchable client picker that asks the server (the ledger may have thousands of clients). */
export function ClientSelect({
  value,
  onChange,
  label,
  w,
  placeholder,
  error,
  required,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  w?: number | string | Record<string, number | string>;
  /** Default: « Tous les clients » (the filters' wording). */
  placeholder?: string;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const options = useQuery({
    queryKey: ["clients", "options", q],
    queryFn: ({ signal }) => listClients({ q: q || undefined, sort: "name", limit: 50 }, signal),
    placeholderData: (prev) => prev,
  });
  // The chosen client's name, when it is not among the options loaded.
  const selected = useQuery({
    queryKey: ["clients", "detail", value],
    queryFn: () => getClient(value ?? ""),
    enabled: value !== null,
    staleTime: 60_000,
  });
  const data = (options.data?.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (value && selected.data && !data.some((d) => d.value === value)) {
    data.unshift({ value, label: selected.data.name });
  }

  return (
    <Select
      label={label}
      placeholder={placeholder ?? t("invoices.filters.all_clients")}
      error={error}
      required={required}
      searchable
      clearable
      value={value}
      onChange={(v) => onChange(v)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: opts }) => opts}
      data={data}
      nothingFoundMessage={options.isFetching ? t("common.loading") : t("common.nothing_found")}
      w={w}
    />
  );
}

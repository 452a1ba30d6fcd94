import { Badge, Button, Collapse, Group, MultiSelect, Paper, Select, Switch, TextInput } from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { INVOICE_STATUSES, type InvoiceListQuery } from "../api/invoices";
import { ClientSelect } from "../components/ClientSelect";
import { DateField } from "../components/DateField";
import { NewInvoiceButton } from "../components/InvoiceFormModal";
import { InvoiceTable } from "../components/InvoiceTable";
import { PageTitle } from "../components/PageTitle";
import { NewQuoteButton } from "../components/QuoteFormModal";
import { useUrlParams } from "../components/useUrlParams";
import { isIsoDate, parseAmount } from "../format";
import { useCan } from "../session";

/** The URL's query string → the API's filters (only what is valid). */
function queryFromParams(params: URLSearchParams): InvoiceListQuery {
  const q: InvoiceListQuery = {};
  const status = (params.get("status") ?? "")
    .split(",")
    .filter((s) => (INVOICE_STATUSES as readonly string[]).includes(s));
  if (status.length > 0) q.status = status;
  if (params.get("overdue") === "true") q.overdue = true;
  const disputed = params.get("disputed");
  if (disputed === "true" || disputed === "false") q.disputed = disputed === "true";
  const client = params.get("client_id");
  if (client) q.client_id = client;
  const search = params.get("q")?.trim();
  if (search) q.q = search;
  const dueFrom = params.get("due_from") ?? "";
  if (isIsoDate(dueFrom)) q.due_from = dueFrom;
  const dueTo = params.get("due_to") ?? "";
  if (isIsoDate(dueTo)) q.due_to = dueTo;
  const min = parseAmount(params.get("min") ?? "", { allowZero: true });
  if (min.ok) q.min_cents = min.cents;
  const max = parseAmount(params.get("max") ?? "", { allowZero: true });
  if (max.ok) q.max_cents = max.cents;
  return q;
}

const FILTER_KEYS = ["status", "overdue", "disputed", "client_id", "q", "due_from", "due_to", "min", "max"];

export default function InvoicesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan("invoices");
  const [params, updateParams] = useUrlParams();
  const mobile = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const [filtersOpen, setFiltersOpen] = useState(false);

  const paramsKey = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the string is the identity of the params
  const query = useMemo(() => queryFromParams(params), [paramsKey]);

  function setParam(key: string, value: string | null) {
    updateParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
      return next;
    });
  }

  /** A date filter changes with a whole date or when emptied, not while it is being typed. */
  function setDateParam(key: string, value: string) {
    if (value === "" || isIsoDate(value)) setParam(key, value);
  }

  // Text fields: typed locally, put in the URL after a pause.
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [min, setMin] = useState(params.get("min") ?? "");
  const [max, setMax] = useState(params.get("max") ?? "");
  const [debounced] = useDebouncedValue({ search, min, max }, 350);
  const minError =
    min.trim() && !parseAmount(min, { allowZero: true }).ok ? t("validation.amount.invalid") : undefined;
  const maxError =
    max.trim() && !parseAmount(max, { allowZero: true }).ok ? t("validation.amount.invalid") : undefined;

  useEffect(() => {
    updateParams((prev) => {
      const next = new URLSearchParams(prev);
      const apply = (key: string, value: string, valid: boolean) => {
        if (value.trim() === "") next.delete(key);
        else if (valid) next.set(key, value.trim());
      };
      apply("q", debounced.search, true);
      apply("min", debounced.min, parseAmount(debounced.min, { allowZero: true }).ok);
      apply("max", debounced.max, parseAmount(debounced.max, { allowZero: true }).ok);
      return next;
    });
  }, [debounced, updateParams]);

  const activeFilters = FILTER_KEYS.filter((k) => k !== "q" && params.has(k)).length;

  function clearFilters() {
    setSearch("");
    setMin("");
    setMax("");
    updateParams(() => new URLSearchParams());
  }

  const dueFrom = params.get("due_from") ?? "";
  const dueTo = params.get("due_to") ?? "";
  const datesError = dueFrom && dueTo && dueFrom > dueTo ? t("invoices.filters.dates_order") : undefined;

  const filters = (
    <Group gap="sm" align="flex-start" wrap="wrap" display={mobile ? undefined : "contents"}>
      <MultiSelect
        label={t("invoices.filters.status")}
        placeholder={query.status?.length ? undefined : t("invoices.filters.all_statuses")}
        data={INVOICE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={[...(query.status ?? [])]}
        onChange={(v) => setParam("status", v.join(","))}
        clearable
        w={{ base: "100%", sm: 230 }}
      />
      <ClientSelect
        label={t("invoices.filters.client")}
        value={query.client_id ?? null}
        onChange={(v) => setParam("client_id", v)}
        w={{ base: "100%", sm: 220 }}
      />
      <Select
        label={t("invoices.filters.disputed")}
        value={query.disputed === undefined ? "all" : String(query.disputed)}
        onChange={(v) => setParam("disputed", v === "all" ? null : v)}
        allowDeselect={false}
        data={[
          { value: "all", label: t("invoices.filters.disputed_all") },
          { value: "true", label: t("invoices.filters.disputed_yes") },
          { value: "false", label: t("invoices.filters.disputed_no") },
        ]}
        w={{ base: "100%", sm: 150 }}
      />
      <DateField
        label={t("invoices.filters.due_from")}
        value={dueFrom}
        onChange={(v) => setDateParam("due_from", v)}
        error={datesError}
        w={{ base: "calc(50% - 6px)", sm: 160 }}
      />
      <DateField
        label={t("invoices.filters.due_to")}
        value={dueTo}
        onChange={(v) => setDateParam("due_to", v)}
        w={{ base: "calc(50% - 6px)", sm: 160 }}
      />
      <TextInput
        label={t("invoices.filters.min")}
        value={min}
        onChange={(e) => setMin(e.currentTarget.value)}
        error={minError}
        inputMode="decimal"
        w={{ base: "calc(50% - 6px)", sm: 150 }}
      />
      <TextInput
        label={t("invoices.filters.max")}
        value={max}
        onChange={(e) => setMax(e.currentTarget.value)}
        error={maxError}
        inputMode="decimal"
        w={{ base: "calc(50% - 6px)", sm: 150 }}
      />
      <Switch
        label={t("invoices.filters.overdue")}
        checked={query.overdue === true}
        onChange={(e) => setParam("overdue", e.currentTarget.checked ? "true" : null)}
        mt={{ base: 4, sm: 32 }}
      />
    </Group>
  );

  const searchInput = (
    <TextInput
      label={t("invoices.filters.search")}
      placeholder={t("invoices.filters.search_placeholder")}
      type="search"
      value={search}
      onChange={(e) => setSearch(e.currentTarget.value)}
      style={mobile ? { flex: 1 } : undefined}
      w={mobile ? undefined : 240}
    />
  );
  const clearButton = (activeFilters > 0 || search !== "") && (
    <Button variant="subtle" onClick={clearFilters} mt={mobile ? "sm" : 25} fullWidth={mobile}>
      {t("invoices.filters.clear")}
    </Button>
  );

  return (
    <>
      <PageTitle title={t("invoices.title")}>
        {canWrite && (
          <>
            <NewQuoteButton
              variant="default"
              onCreated={(q) => navigate(`/clients/${encodeURIComponent(q.client_id)}#quotes`)}
            />
            <NewInvoiceButton />
          </>
        )}
      </PageTitle>
      <Paper withBorder p="sm" radius="md" mb="md">
        {mobile ? (
          <>
            <Group gap="sm" align="flex-end" wrap="nowrap" mb={filtersOpen ? "sm" : 0}>
              {searchInput}
              <Button
                variant="default"
                onClick={() => setFiltersOpen((o) => !o)}
                aria-expanded={filtersOpen}
                rightSection={activeFilters > 0 ? <Badge size="xs">{activeFilters}</Badge> : undefined}
              >
                {t("invoices.filters.toggle")}
              </Button>
            </Group>
            <Collapse expanded={filtersOpen}>
              {filters}
              {clearButton}
            </Collapse>
          </>
        ) : (
          <Group gap="sm" align="flex-start" wrap="wrap">
            {searchInput}
            {filters}
            {clearButton}
          </Group>
        )}
      </Paper>
      <InvoiceTable
        query={query}
        height="fill"
        empty={
          <Paper withBorder p="xl" radius="md" ta="center">
            {Object.keys(query).length > 0 ? (
              <>
                {t("invoices.no_match")}{" "}
                <Button variant="subtle" size="compact-sm" onClick={clearFilters}>
                  {t("invoices.filters.clear")}
                </Button>
              </>
            ) : (
              t("invoices.empty")
            )}
          </Paper>
        }
      />
    </>
  );
}

import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, Fragment, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  formatBp,
  listRates,
  type Rate,
  type RateKind,
  ratesBySemester,
  rateTextToBp,
  type SemesterRates,
  setRate,
} from "../api/law";
import { type FieldErrors, notifySuccess, reportError } from "../components/errors";
import { PageTitle } from "../components/PageTitle";
import { QueryState } from "../components/QueryState";
import { useLang } from "../components/useLang";
import { formatDate } from "../format";
import { queryClient } from "../queryClient";
import { useCan } from "../session";

const KINDS: readonly RateKind[] = ["ecb_refi", "legal_individual", "legal_other"];
/** The default penalty rate is the ECB rate + 10 points (C. com. L441-10 II). */
const DEFAULT_POINTS_BP = 1000;

/** "2026-S2" → "2e semestre 2026". */
function useSemesterLabel(): (semester: string) => string {
  const { t } = useTranslation();
  return (semester) => {
    const [year, half] = semester.split("-S");
    return half === "1" ? t("rates.semester_1", { year }) : t("rates.semester_2", { year });
  };
}

/** ⚠ with the warning in a tooltip (and for screen readers). */
function UnconfirmedBadge({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("rates.unconfirmed_tooltip")} multiline w={260} withArrow>
      <Badge
        color="orange"
        variant="light"
        size="sm"
        tabIndex={0}
        aria-label={t("rates.unconfirmed_tooltip")}
        data-testid={testId}
        style={{ cursor: "help" }}
      >
        ⚠ {t("rates.unconfirmed")}
      </Badge>
    </Tooltip>
  );
}

/** A rate cell: the value, orange and marked when unconfirmed; "non publié" when the rate is not known yet. */
function RateValue({ bp, confirmed, source }: { bp: number | null; confirmed: boolean; source?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (bp === null) {
    return (
      <Text span size="sm" c="dimmed" fs="italic" style={{ whiteSpace: "nowrap" }}>
        {t("rates.missing")}
      </Text>
    );
  }
  const value = (
    <Text
      span
      size="sm"
      c={confirmed ? undefined : "orange.8"}
      fw={confirmed ? undefined : 600}
      style={{ whiteSpace: "nowrap" }}
    >
      {confirmed ? "" : "⚠ "}
      {formatBp(bp, lang)}
    </Text>
  );
  if (!source) return value;
  return (
    <Tooltip label={source} multiline w={320} withArrow openDelay={300}>
      {value}
    </Tooltip>
  );
}

export default function RatesPage() {
  const { t } = useTranslation();
  const canEdit = useCan("organization");
  const query = useQuery({ queryKey: ["rates"], queryFn: listRates });
  const [editing, setEditing] = useState<{ kind: RateKind; semester: string } | null>(null);

  return (
    <>
      <PageTitle title={t("rates.title")} />
      <Stack gap="lg">
        <Anchor component={Link} to="/settings" size="sm">
          ← {t("rates.back")}
        </Anchor>
        <Text size="sm" c="dimmed" maw={820}>
          {t("rates.help")}
        </Text>
        <Alert color="orange" title={t("rates.shared_title")} data-testid="rates-shared-warning">
          <Text size="sm">{canEdit ? t("rates.shared_owner") : t("rates.shared_reader")}</Text>
        </Alert>
        <QueryState query={query}>
          {(page) => (
            <RatesTable
              rows={ratesBySemester(page.data)}
              canEdit={canEdit}
              onEdit={(semester, kind) => setEditing({ semester, kind })}
              onAdd={() => setEditing({ semester: "", kind: "ecb_refi" })}
            />
          )}
        </QueryState>
      </Stack>
      {editing && query.data && (
        <RateModal initial={editing} rates={query.data.data} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function RatesTable({
  rows,
  canEdit,
  onEdit,
  onAdd,
}: {
  rows: SemesterRates[];
  canEdit: boolean;
  onEdit: (semester: string, kind: RateKind) => void;
  onAdd: () => void;
}) {
  const { t } = useTranslation();
  const semesterLabel = useSemesterLabel();
  // Rows with an unconfirmed rate show their sources from the start: that is where the doubt is explained.
  const [open, setOpen] = useState<Set<string>>(
    () =>
      new Set(rows.filter((r) => Object.values(r.rates).some((x) => !x.confirmed)).map((r) => r.semester)),
  );
  const toggle = (semester: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(semester)) next.delete(semester);
      else next.add(semester);
      return next;
    });
  const columns = canEdit ? 8 : 7;

  return (
    <Paper withBorder p="md" radius="md">
      {canEdit && (
        <Group justify="flex-end" mb="sm">
          <Button size="xs" onClick={onAdd}>
            {t("rates.add")}
          </Button>
        </Group>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table fz="sm" verticalSpacing={6} aria-label={t("rates.title")} data-testid="rates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("rates.semester")}</Table.Th>
              <Table.Th ta="right">{t("rates.col_ecb")}</Table.Th>
              <Table.Th ta="right">{t("rates.col_legal_individual")}</Table.Th>
              <Table.Th ta="right">{t("rates.col_legal_other")}</Table.Th>
              <Table.Th ta="right">{t("rates.col_minimum")}</Table.Th>
              <Table.Th ta="right">{t("rates.col_default")}</Table.Th>
              <Table.Th>{t("rates.sources")}</Table.Th>
              {canEdit && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const ecb = row.rates.ecb_refi;
              const individual = row.rates.legal_individual;
              const other = row.rates.legal_other;
              const unconfirmed = [ecb, individual, other].some((r) => r && !r.confirmed);
              const isOpen = open.has(row.semester);
              return (
                <Fragment key={row.semester}>
                  <Table.Tr
                    data-testid={`rate-row-${row.semester}`}
                    bg={unconfirmed ? "orange.0" : undefined}
                  >
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        <Text size="sm" fw={500} style={{ whiteSpace: "nowrap" }}>
                          {semesterLabel(row.semester)}
                        </Text>
                        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                          {formatDate(row.valid_from)} – {formatDate(row.valid_to)}
                        </Text>
                        {unconfirmed && <UnconfirmedBadge testId={`rate-unconfirmed-${row.semester}`} />}
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right">
                      <RateValue
                        bp={ecb?.rate_bp ?? null}
                        confirmed={ecb?.confirmed ?? true}
                        source={ecb?.source}
                      />
                    </Table.Td>
                    <Table.Td ta="right">
                      <RateValue
                        bp={individual?.rate_bp ?? null}
                        confirmed={individual?.confirmed ?? true}
                        source={individual?.source}
                      />
                    </Table.Td>
                    <Table.Td ta="right">
                      <RateValue
                        bp={other?.rate_bp ?? null}
                        confirmed={other?.confirmed ?? true}
                        source={other?.source}
                      />
                    </Table.Td>
                    <Table.Td ta="right">
                      <RateValue bp={other ? 3 * other.rate_bp : null} confirmed={other?.confirmed ?? true} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <RateValue
                        bp={ecb ? ecb.rate_bp + DEFAULT_POINTS_BP : null}
                        confirmed={ecb?.confirmed ?? true}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => toggle(row.semester)}
                        aria-expanded={isOpen}
                      >
                        {isOpen ? t("rates.hide_sources") : t("rates.show_sources")}
                      </Button>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td ta="right">
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => onEdit(row.semester, ecb ? "ecb_refi" : "legal_other")}
                          aria-label={t("rates.edit_of", { semester: semesterLabel(row.semester) })}
                        >
                          {t("common.edit")}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                  {isOpen && (
                    <Table.Tr bg={unconfirmed ? "orange.0" : "gray.0"}>
                      <Table.Td colSpan={columns}>
                        <Sources row={row} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The source of each rate of a semester (the two taux légal share theirs most of the time: said once). */
function Sources({ row }: { row: SemesterRates }) {
  const { t } = useTranslation();
  const items: [string, Rate | undefined][] = [];
  const { ecb_refi: ecb, legal_individual: individual, legal_other: other } = row.rates;
  items.push([t("rates.kind.ecb_refi"), ecb]);
  if (individual && other && individual.source === other.source) {
    items.push([t("rates.legal_both"), individual]);
  } else {
    items.push([t("rates.kind.legal_individual"), individual]);
    items.push([t("rates.kind.legal_other"), other]);
  }
  return (
    <Stack gap={4} data-testid={`rate-sources-${row.semester}`}>
      {items.map(([label, rate]) => (
        <Text key={label} size="xs" style={{ overflowWrap: "anywhere" }}>
          <Text span fw={600} size="xs">
            {label} :{" "}
          </Text>
          {rate ? (
            <>
              {rate.source}
              {!rate.confirmed && (
                <Text span size="xs" c="orange.8" fw={600}>
                  {" "}
                  ({t("rates.unconfirmed_short")})
                </Text>
              )}
            </>
          ) : (
            <Text span size="xs" c="dimmed" fs="italic">
              {t("rates.missing_source")}
            </Text>
          )}
        </Text>
      ))}
    </Stack>
  );
}

function RateModal({
  initial,
  rates,
  onClose,
}: {
  initial: { kind: RateKind; semester: string };
  rates: Rate[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [initialYear, initialHalf] = initial.semester ? initial.semester.split("-S") : ["", "1"];
  const [kind, setKind] = useState<RateKind>(initial.kind);
  const [year, setYear] = useState(initialYear ?? "");
  const [half, setHalf] = useState(initialHalf ?? "1");
  const existingOf = (k: RateKind, y: string, h: string) =>
    rates.find((r) => r.kind === k && r.semester === `${y}-S${h}`);
  const first = existingOf(initial.kind, initialYear ?? "", initialHalf ?? "1");
  const [rate, setRateText] = useState(first ? formatBp(first.rate_bp, lang).replace(/\s?%$/, "") : "");
  const [source, setSource] = useState(first?.source ?? "");
  const [confirmed, setConfirmed] = useState(first?.confirmed ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});

  /** Choosing another kind or semester shows what the table holds for it (or an empty form). */
  function load(k: RateKind, y: string, h: string) {
    const found = existingOf(k, y, h);
    setRateText(found ? formatBp(found.rate_bp, lang).replace(/\s?%$/, "") : "");
    setSource(found?.source ?? "");
    setConfirmed(found?.confirmed ?? false);
    setErrors({});
  }
  const existing = existingOf(kind, year, half);

  const save = useMutation({
    mutationFn: setRate,
    onSuccess: async () => {
      notifySuccess(t("rates.saved"));
      await queryClient.invalidateQueries({ queryKey: ["rates"] });
      await queryClient.invalidateQueries({ queryKey: ["invoices", "claim"] });
      onClose();
    },
    onError: (e) =>
      reportError(e, t, {
        paths: { kind: "kind", semester: "year", rate_bp: "rate", source: "source", confirmed: "confirmed" },
        setErrors,
      }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    if (!/^\d{4}$/.test(year.trim())) next.year = t("rates.year_invalid");
    const bp = rateTextToBp(rate);
    if (bp === null) next.rate = t("rates.rate_invalid");
    if (source.trim() === "") next.source = t("rates.source_required");
    else if (source.trim().length > 500) next.source = t("rates.source_too_long");
    setErrors(next);
    if (Object.keys(next).length > 0 || bp === null) return;
    save.mutate({ kind, semester: `${year.trim()}-S${half}`, rate_bp: bp, source: source.trim(), confirmed });
  }

  const kindOptions = KINDS.map((k) => ({ value: k, label: t(`rates.kind.${k}`) }));
  let state: ReactNode = null;
  if (/^\d{4}$/.test(year.trim())) {
    state = (
      <Text size="xs" c="dimmed">
        {existing
          ? t("rates.editing_existing", { rate: formatBp(existing.rate_bp, lang) })
          : t("rates.editing_new")}
      </Text>
    );
  }

  return (
    <Modal opened onClose={onClose} title={t("rates.modal_title")} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Alert color="orange" p="xs">
            <Text size="sm">{t("rates.shared_modal")}</Text>
          </Alert>
          <Select
            label={t("rates.kind_label")}
            data={kindOptions}
            value={kind}
            allowDeselect={false}
            onChange={(v) => {
              if (!v) return;
              setKind(v as RateKind);
              load(v as RateKind, year, half);
            }}
            error={errors.kind}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t("rates.year")}
              value={year}
              inputMode="numeric"
              placeholder="2026"
              maxLength={4}
              required
              onChange={(e) => {
                const v = e.currentTarget.value;
                setYear(v);
                if (/^\d{4}$/.test(v.trim())) load(kind, v.trim(), half);
              }}
              error={errors.year}
            />
            <Select
              label={t("rates.half")}
              data={[
                { value: "1", label: t("rates.half_1") },
                { value: "2", label: t("rates.half_2") },
              ]}
              value={half}
              allowDeselect={false}
              onChange={(v) => {
                if (!v) return;
                setHalf(v);
                load(kind, year.trim(), v);
              }}
            />
          </Group>
          {state}
          <TextInput
            label={t("rates.rate_label")}
            description={t("rates.rate_help")}
            value={rate}
            inputMode="decimal"
            placeholder="2,40"
            required
            onChange={(e) => setRateText(e.currentTarget.value)}
            error={errors.rate}
            rightSection={<Text size="sm">%</Text>}
          />
          <Textarea
            label={t("rates.source_label")}
            description={t("rates.source_help")}
            value={source}
            autosize
            minRows={2}
            maxRows={6}
            required
            onChange={(e) => setSource(e.currentTarget.value)}
            error={errors.source}
          />
          <Checkbox
            label={t("rates.confirmed_label")}
            description={t("rates.confirmed_help")}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
            error={errors.confirmed}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("rates.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

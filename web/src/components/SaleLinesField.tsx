import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { SaleLineBody } from "../api/quotes";
import { formatMoney, parseAmount } from "../format";
import {
  depositCents,
  formatRate,
  lineNet,
  type PricedLineInput,
  parseQuantity,
  saleTotals,
  VAT_RATES_BP,
} from "../sale-lines";
import type { FieldErrors } from "./errors";
import { useLang } from "./useLang";

/** A line as typed: the text of each field. */
export interface LineDraft {
  key: number;
  description: string;
  quantity: string;
  unitPrice: string;
  vatRateBp: number;
}

let nextKey = 1;

export function emptyLine(vatRateBp: number): LineDraft {
  nextKey += 1;
  return { key: nextKey, description: "", quantity: "1", unitPrice: "", vatRateBp };
}

/** The line as priced, or null while its quantity or price is not a valid number yet. */
function priced(line: LineDraft): PricedLineInput | null {
  const q = parseQuantity(line.quantity);
  const p = parseAmount(line.unitPrice, { allowZero: true });
  if (!q.ok || !p.ok) return null;
  return { quantity_milli: q.milli, unit_price_cents: p.cents, vat_rate_bp: line.vatRateBp };
}

const QUANTITY_ERRORS = {
  "quantity.invalid": "sales.lines.quantity_invalid",
  "quantity.positive": "sales.lines.quantity_positive",
  "quantity.too_many_decimals": "sales.lines.quantity_too_many_decimals",
} as const;

/** The lines to send, or the errors to show (keys `lines.<i>.<field>`, `lines`). */
export function checkLines(
  lines: readonly LineDraft[],
  t: TFunction,
): { body: SaleLineBody[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const body: SaleLineBody[] = [];
  if (lines.length === 0) errors.lines = t("sales.lines.none");
  lines.forEach((line, i) => {
    if (line.description.trim() === "") errors[`lines.${i}.description`] = t("validation.required");
    const q = parseQuantity(line.quantity);
    if (!q.ok) errors[`lines.${i}.quantity`] = t(QUANTITY_ERRORS[q.error]);
    const p = parseAmount(line.unitPrice, { allowZero: true });
    if (!p.ok) errors[`lines.${i}.unitPrice`] = t(`validation.${p.error}`);
    if (q.ok && p.ok) {
      body.push({
        description: line.description.trim(),
        quantity_milli: q.milli,
        unit_price_cents: p.cents,
        vat_rate_bp: line.vatRateBp,
      });
    }
  });
  return { body, errors };
}

/** The errors without those of the lines: the lines were edited since they were checked. */
export function withoutLineErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "lines" && !k.startsWith("lines.")));
}

/** Server paths → the form's fields, for `reportError`. */
export function linePaths(count: number): Record<string, string> {
  const paths: Record<string, string> = { lines: "lines" };
  for (let i = 0; i < count; i++) {
    paths[`lines.${i}`] = `lines.${i}.unitPrice`;
    paths[`lines.${i}.description`] = `lines.${i}.description`;
    paths[`lines.${i}.quantity_milli`] = `lines.${i}.quantity`;
    paths[`lines.${i}.unit_price_cents`] = `lines.${i}.unitPrice`;
    paths[`lines.${i}.discount_cents`] = `lines.${i}.unitPrice`;
    paths[`lines.${i}.vat_rate_bp`] = `lines.${i}.vatRate`;
  }
  return paths;
}

function TrashIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * The grid of lines of a quote or an invoice (designation, quantity, unit price HT, VAT rate) and its live totals:
 * HT, VAT per rate, TTC — and the deposit when `depositPercent` is given — computed like the server's.
 * `franchise`: the organization has no VAT number (franchise en base, art. 293 B du CGI).
 */
export function SaleLinesField({
  lines,
  onChange,
  errors,
  franchise,
  depositPercent,
}: {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  errors: FieldErrors;
  franchise: boolean;
  depositPercent?: number | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const set = (i: number, patch: Partial<LineDraft>) =>
    onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const valid = lines.map(priced).filter((l): l is PricedLineInput => l !== null);
  const totals = saleTotals(valid);
  const rates = VAT_RATES_BP.map((bp) => ({ value: String(bp), label: formatRate(bp, lang) }));
  const vatCharged = lines.some((l) => l.vatRateBp !== 0);

  return (
    <Stack gap="xs">
      {franchise && (
        <Text size="xs" c="dimmed">
          {t("sales.lines.franchise_help")}
        </Text>
      )}
      <Table.ScrollContainer minWidth={640} type="native">
        <Table withTableBorder verticalSpacing={4} horizontalSpacing={6} data-testid="sale-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("sales.lines.description")}</Table.Th>
              <Table.Th w={90}>{t("sales.lines.quantity")}</Table.Th>
              <Table.Th w={140}>{t("sales.lines.unit_price")}</Table.Th>
              <Table.Th w={100}>{t("sales.lines.vat_rate")}</Table.Th>
              <Table.Th w={120} ta="right">
                {t("sales.lines.line_total")}
              </Table.Th>
              <Table.Th w={36} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => {
              const n = i + 1;
              const p = priced(line);
              const row = t("sales.lines.row", { n });
              return (
                <Table.Tr key={line.key} data-testid="sale-line" style={{ verticalAlign: "top" }}>
                  <Table.Td>
                    <Textarea
                      aria-label={`${t("sales.lines.description")}, ${row}`}
                      value={line.description}
                      onChange={(e) => set(i, { description: e.currentTarget.value })}
                      error={errors[`lines.${i}.description`]}
                      autosize
                      minRows={1}
                      maxRows={4}
                      data-testid="line-description"
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t("sales.lines.quantity")}, ${row}`}
                      value={line.quantity}
                      onChange={(e) => set(i, { quantity: e.currentTarget.value })}
                      error={errors[`lines.${i}.quantity`]}
                      inputMode="decimal"
                      data-testid="line-quantity"
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t("sales.lines.unit_price")}, ${row}`}
                      value={line.unitPrice}
                      onChange={(e) => set(i, { unitPrice: e.currentTarget.value })}
                      error={errors[`lines.${i}.unitPrice`]}
                      inputMode="decimal"
                      rightSection="€"
                      data-testid="line-price"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${t("sales.lines.vat_rate")}, ${row}`}
                      data={rates}
                      value={String(line.vatRateBp)}
                      onChange={(v) => set(i, { vatRateBp: Number(v ?? line.vatRateBp) })}
                      allowDeselect={false}
                      error={errors[`lines.${i}.vatRate`]}
                      data-testid="line-vat"
                    />
                  </Table.Td>
                  <Table.Td ta="right" pt={10}>
                    <Text size="sm" data-testid="line-total">
                      {p ? formatMoney(lineNet(p), lang) : "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td pt={8}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(lines.filter((_, j) => j !== i))}
                      disabled={lines.length === 1}
                      aria-label={t("sales.lines.remove", { n })}
                    >
                      <TrashIcon />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {errors.lines && (
        <Text size="sm" c="red" role="alert">
          {errors.lines}
        </Text>
      )}
      <Group justify="space-between" align="flex-start">
        <Button
          variant="light"
          size="xs"
          onClick={() => onChange([...lines, emptyLine(lines.at(-1)?.vatRateBp ?? (franchise ? 0 : 2000))])}
          data-testid="line-add"
        >
          {t("sales.lines.add")}
        </Button>
        <Stack gap={2} miw={280} data-testid="sale-totals" aria-live="polite">
          <TotalRow label={t("sales.lines.total_ht")} value={formatMoney(totals.total_ht_cents, lang)} />
          {totals.vat_breakdown.map((v) => (
            <TotalRow
              key={v.rate_bp}
              label={t("sales.lines.vat_of", {
                rate: formatRate(v.rate_bp, lang),
                base: formatMoney(v.base_cents, lang),
              })}
              value={formatMoney(v.vat_cents, lang)}
            />
          ))}
          <TotalRow
            label={t("sales.lines.total_ttc")}
            value={formatMoney(totals.total_ttc_cents, lang)}
            strong
          />
          {depositPercent != null && depositPercent > 0 && (
            <TotalRow
              label={t("sales.lines.deposit", { percent: depositPercent })}
              value={formatMoney(depositCents(valid, depositPercent), lang)}
              testId="sale-deposit"
            />
          )}
          {franchise && !vatCharged && (
            <Text size="xs" fw={600} ta="right" data-testid="sale-franchise">
              {t("sales.lines.franchise")}
            </Text>
          )}
        </Stack>
      </Group>
      {franchise && vatCharged && (
        <Alert color="orange" p="xs" data-testid="sale-franchise-warning">
          {t("sales.lines.franchise_vat_charged")}
        </Alert>
      )}
    </Stack>
  );
}

function TotalRow({
  label,
  value,
  strong,
  testId,
}: {
  label: string;
  value: string;
  strong?: boolean;
  testId?: string;
}) {
  return (
    <Group justify="space-between" gap="lg" wrap="nowrap" data-testid={testId}>
      <Text size="sm" fw={strong ? 700 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : undefined} style={{ whiteSpace: "nowrap" }}>
        {value}
      </Text>
    </Group>
  );
}

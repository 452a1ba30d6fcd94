import { Anchor, Button, Paper, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type Aging, type AgingAmounts, agingDownloadUrl, agingKey, getAging } from "../api/cash";
import { DateField } from "../components/DateField";
import { PageTitle } from "../components/PageTitle";
import { QueryState } from "../components/QueryState";
import { useLang } from "../components/useLang";
import { useUrlParams } from "../components/useUrlParams";
import { formatMoney, isIsoDate } from "../format";

const BUCKETS = [
  ["not_due_cents", "aging.not_due"],
  ["d1_30_cents", "aging.1_30"],
  ["d31_60_cents", "aging.31_60"],
  ["d61_90_cents", "aging.61_90"],
  ["over_90_cents", "aging.over_90"],
] as const satisfies readonly (readonly [keyof AgingAmounts, string])[];

/** « Balance âgée »: each client's balance as of a day in five buckets of days past due, the totals, downloads. */
export default function AgingPage() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlParams();
  const asOf = params.get("as_of") ?? "";
  const query = useQuery({
    queryKey: agingKey(asOf),
    queryFn: () => getAging(asOf),
    placeholderData: keepPreviousData,
  });
  const shown = asOf || query.data?.as_of || "";
  return (
    <>
      <PageTitle title={t("cash.title")}>
        <Button
          component="a"
          href={agingDownloadUrl("xlsx", asOf)}
          download
          variant="default"
          size="xs"
          data-testid="aging-xlsx"
        >
          {t("cash.xlsx")}
        </Button>
        <Button
          component="a"
          href={agingDownloadUrl("pdf", asOf)}
          download
          variant="default"
          size="xs"
          data-testid="aging-pdf"
        >
          {t("cash.pdf")}
        </Button>
      </PageTitle>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t("cash.help")}
        </Text>
        <DateField
          label={t("cash.as_of")}
          value={shown}
          w={180}
          onChange={(v) => {
            if (v !== "" && !isIsoDate(v)) return;
            setParams((p) => {
              if (v === "") p.delete("as_of");
              else p.set("as_of", v);
              return p;
            });
          }}
        />
        <Paper withBorder radius="md">
          <QueryState query={query}>{(a) => <AgingTable aging={a} />}</QueryState>
        </Paper>
      </Stack>
    </>
  );
}

function AgingTable({ aging }: { aging: Aging }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (aging.rows.length === 0)
    return (
      <Text p="md" c="dimmed" data-testid="aging-empty">
        {t("cash.empty")}
      </Text>
    );
  const cells = (a: AgingAmounts) => (
    <>
      {BUCKETS.map(([field]) => (
        <Table.Td key={field} className="num">
          {formatMoney(a[field], lang)}
        </Table.Td>
      ))}
      <Table.Td className="num" fw={600}>
        {formatMoney(a.total_cents, lang)}
      </Table.Td>
    </>
  );
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="xs" fz="sm" data-testid="aging-table">
        <Table.Thead bg="gray.0">
          <Table.Tr>
            <Table.Th>{t("cash.client")}</Table.Th>
            {BUCKETS.map(([field, label]) => (
              <Table.Th key={field} className="num">
                {t(label)}
              </Table.Th>
            ))}
            <Table.Th className="num">{t("cash.total")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {aging.rows.map((r) => (
            <Table.Tr key={r.client_id} data-testid="aging-row">
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                <Anchor
                  component={Link}
                  to={`/clients/${encodeURIComponent(r.client_id)}`}
                  fw={600}
                  size="sm"
                >
                  {r.name}
                </Anchor>
              </Table.Td>
              {cells(r)}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="aging-total" fw={600}>
            <Table.Td>{t("cash.total")}</Table.Td>
            {cells(aging.total)}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

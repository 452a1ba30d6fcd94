import { Alert, Button, Group, Loader, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { type InvoiceListQuery, listInvoices } from "../api/invoices";
import { formatDate, formatInteger, formatMoney } from "../format";
import { errorMessage } from "./errors";
import { StatusBadges } from "./StatusBadges";
import { useLang } from "./useLang";

const PAGE_SIZE = 200;
const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 40;
/** Load the next page when the last visible row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 100;

export const invoiceListKey = (query: InvoiceListQuery) => ["invoices", "list", query] as const;

/**
 * Every invoice matching `query`, virtualised: only the visible rows are in the DOM, pages of 200 load as the
 * list scrolls, so 100,000 invoices scroll as smoothly as 10.
 */
export function InvoiceTable({
  query,
  height,
  hideClient = false,
  empty,
}: {
  query: InvoiceListQuery;
  height: string;
  hideClient?: boolean;
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const scrollerRef = useRef<HTMLDivElement>(null);

  const list = useInfiniteQuery({
    queryKey: invoiceListKey(query),
    queryFn: ({ pageParam, signal }) =>
      listInvoices({ ...query, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const hasMore = list.hasNextPage;
  const count = rows.length + (hasMore ? 1 : 0);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    overscan: 12,
  });

  // Back to the top when the filters change.
  const queryKey = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is the trigger
  useEffect(() => {
    scrollerRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? (items[items.length - 1]?.index ?? 0) : 0;
  const { fetchNextPage, isFetchingNextPage } = list;
  useEffect(() => {
    if (hasMore && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasMore, isFetchingNextPage, lastIndex, rows.length, fetchNextPage]);

  if (list.isError && rows.length === 0) {
    return (
      <Alert color="red" title={t("errors.load_failed")}>
        <Text size="sm" mb="sm">
          {errorMessage(list.error, t)}
        </Text>
        <Button size="xs" variant="white" color="red" onClick={() => void list.refetch()}>
          {t("common.retry")}
        </Button>
      </Alert>
    );
  }

  if (list.isSuccess && rows.length === 0) {
    return <>{empty ?? <Text c="dimmed">{t("invoices.none")}</Text>}</>;
  }

  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - HEADER_HEIGHT : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;
  const columns = hideClient ? 5 : 6;

  return (
    <div>
      <div
        ref={scrollerRef}
        className="vt-scroller"
        style={{ height }}
        role="region"
        aria-label={t("invoices.table_label")}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
      >
        <table className="vt-table" aria-rowcount={hasMore ? -1 : rows.length + 1}>
          <colgroup>
            <col style={{ width: 140 }} />
            {!hideClient && <col />}
            <col style={{ width: 110 }} />
            <col style={{ width: 130 }} />
            <col style={{ width: 130 }} />
            <col style={{ width: hideClient ? undefined : 230 }} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t("invoices.col.number")}</th>
              {!hideClient && <th scope="col">{t("invoices.col.client")}</th>}
              <th scope="col">{t("invoices.col.due")}</th>
              <th scope="col" className="num">
                {t("invoices.col.total")}
              </th>
              <th scope="col" className="num">
                {t("invoices.col.balance")}
              </th>
              <th scope="col">{t("invoices.col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true" style={{ height: padTop }}>
                <td colSpan={columns} style={{ border: 0, padding: 0 }} />
              </tr>
            )}
            {list.isPending && (
              <tr style={{ height: ROW_HEIGHT }}>
                <td colSpan={columns}>
                  <Group gap="xs">
                    <Loader size="xs" />
                    <Text size="sm" c="dimmed">
                      {t("common.loading")}
                    </Text>
                  </Group>
                </td>
              </tr>
            )}
            {items.map((item) => {
              const invoice = rows[item.index];
              if (!invoice) {
                return (
                  <tr key="loader" style={{ height: ROW_HEIGHT }}>
                    <td colSpan={columns}>
                      <Group gap="xs">
                        <Loader size="xs" />
                        <Text size="sm" c="dimmed">
                          {list.isFetchNextPageError ? errorMessage(list.error, t) : t("common.loading")}
                        </Text>
                      </Group>
                    </td>
                  </tr>
                );
              }
              const href = `/invoices/${encodeURIComponent(invoice.id)}`;
              return (
                <tr
                  key={invoice.id}
                  data-testid="invoice-row"
                  aria-rowindex={item.index + 2}
                  style={{ height: ROW_HEIGHT }}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest("a")) return;
                    navigate(href);
                  }}
                >
                  <td>
                    <Link className="row-link" to={href}>
                      {invoice.number}
                    </Link>
                  </td>
                  {!hideClient && <td title={invoice.client}>{invoice.client}</td>}
                  <td>{formatDate(invoice.due_date)}</td>
                  <td className="num">{formatMoney(invoice.total_cents, lang)}</td>
                  <td className="num">{formatMoney(invoice.balance_cents, lang)}</td>
                  <td>
                    <StatusBadges invoice={invoice} size="sm" />
                  </td>
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true" style={{ height: padBottom }}>
                <td colSpan={columns} style={{ border: 0, padding: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Text size="xs" c="dimmed" mt={6} aria-live="polite">
        {list.isPending
          ? t("common.loading")
          : hasMore
            ? t("invoices.loaded_more", { n: formatInteger(rows.length, lang) })
            : t("invoices.loaded_all", { count: rows.length, n: formatInteger(rows.length, lang) })}
      </Text>
    </div>
  );
}

import { Alert, Button, Group, Loader, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { TFunction } from "i18next";
import { memo, type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type Invoice, type InvoiceListQuery, listInvoices } from "../api/invoices";
import { formatDate, formatInteger, formatMoney } from "../format";
import { errorMessage } from "./errors";
import { StatusPills } from "./StatusBadges";
import { useLang } from "./useLang";

const PAGE_SIZE = 200;
const ROW_HEIGHT = 44;
/** Phones: two lines per invoice. */
const COMPACT_ROW_HEIGHT = 60;
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
  maxHeight,
  empty,
}: {
  query: InvoiceListQuery;
  /** A CSS height, or "fill": down to the bottom of the window. */
  height: string;
  hideClient?: boolean;
  /** With a short list, shrink to the rows (up to this many pixels) instead of keeping `height`. */
  maxHeight?: number;
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const scrollerRef = useRef<HTMLElement>(null);

  const list = useInfiniteQuery({
    queryKey: invoiceListKey(query),
    queryFn: ({ pageParam, signal }) =>
      listInvoices({ ...query, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // Pages never change once loaded: comparing 100,000 rows on every new page would cost a frame.
    structuralSharing: false,
  });

  const [fillHeight, setFillHeight] = useState<number | null>(null);
  const showTable =
    !(list.isError && !list.data) && !(list.isSuccess && (list.data?.pages[0]?.data.length ?? 0) === 0);
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (height !== "fill" || !showTable || !el) return;
    const compute = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      setFillHeight(Math.max(320, Math.floor(window.innerHeight - top - 52)));
    };
    compute();
    const observer = new ResizeObserver(compute);
    observer.observe(document.body);
    window.addEventListener("resize", compute);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", compute);
    };
  }, [height, showTable]);

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const hasMore = list.hasNextPage;
  const count = rows.length + (hasMore ? 1 : 0);

  const compact = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const rowHeight = compact ? COMPACT_ROW_HEIGHT : ROW_HEIGHT;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => rowHeight,
    paddingStart: HEADER_HEIGHT,
    overscan: 12,
  });

  // The row height is fixed per layout: measure again when it changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height is the trigger
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

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
  const columns = compact ? 2 : hideClient ? 5 : 6;

  return (
    <div>
      <section
        ref={scrollerRef}
        className="vt-scroller"
        style={{
          height:
            maxHeight !== undefined && !list.isPending
              ? Math.min(maxHeight, HEADER_HEIGHT + count * rowHeight + 2)
              : height === "fill"
                ? // A short list ends with its last row rather than with a blank box down to the window's bottom.
                  Math.min(
                    fillHeight ?? 480,
                    list.isPending || hasMore ? Infinity : HEADER_HEIGHT + count * rowHeight + 2,
                  )
                : height,
        }}
        aria-label={t("invoices.table_label")}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
      >
        <table
          className={compact ? "vt-table vt-compact" : "vt-table"}
          aria-rowcount={hasMore ? -1 : rows.length + 1}
        >
          {compact ? (
            <>
              <colgroup>
                <col />
                <col style={{ width: 140 }} />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t("invoices.col.invoice")}</th>
                  <th scope="col" className="num">
                    {t("invoices.col.balance")}
                  </th>
                </tr>
              </thead>
            </>
          ) : (
            <>
              <colgroup>
                <col style={{ width: 140 }} />
                {!hideClient && <col />}
                <col style={{ width: 110 }} />
                <col style={{ width: 130 }} />
                <col style={{ width: 130 }} />
                <col style={{ width: hideClient ? undefined : 290 }} />
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
            </>
          )}
          <tbody>
            {padTop > 0 && (
              <tr className="vt-spacer" style={{ height: padTop }}>
                <td colSpan={columns} style={{ border: 0, padding: 0 }} />
              </tr>
            )}
            {list.isPending && (
              <tr style={{ height: rowHeight }}>
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
                  <tr key="loader" style={{ height: rowHeight }}>
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
              return (
                <InvoiceRow
                  key={invoice.id}
                  invoice={invoice}
                  index={item.index}
                  height={rowHeight}
                  compact={compact}
                  hideClient={hideClient}
                  lang={lang}
                  t={t}
                  onOpen={navigate}
                />
              );
            })}
            {padBottom > 0 && (
              <tr className="vt-spacer" style={{ height: padBottom }}>
                <td colSpan={columns} style={{ border: 0, padding: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
      </section>
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

/** One row; memoised so that scrolling renders only the rows that come into view. */
const InvoiceRow = memo(function InvoiceRow({
  invoice,
  index,
  height,
  compact,
  hideClient,
  lang,
  t,
  onOpen,
}: {
  invoice: Invoice;
  index: number;
  height: number;
  compact: boolean;
  hideClient: boolean;
  lang: "fr" | "en";
  t: TFunction;
  onOpen: (href: string) => void;
}) {
  const href = `/invoices/${encodeURIComponent(invoice.id)}`;
  // A plain anchor (the router's Link costs more, times hundreds of rows while scrolling).
  const link = (
    <a
      className="row-link"
      href={href}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        onOpen(href);
      }}
    >
      {invoice.number}
    </a>
  );
  return (
    <tr
      data-testid="invoice-row"
      aria-rowindex={index + 2}
      style={{ height }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest("a")) return;
        onOpen(href);
      }}
    >
      {compact ? (
        <>
          <td>
            <div className="vt-line">
              {link}
              <span className="vt-dim"> · {formatDate(invoice.due_date)}</span>
            </div>
            <div className="vt-line vt-dim">
              {hideClient ? formatMoney(invoice.total_cents, lang) : invoice.client}
            </div>
          </td>
          <td className="num">
            <div className="vt-line">{formatMoney(invoice.balance_cents, lang)}</div>
            <StatusPills invoice={invoice} t={t} compact />
          </td>
        </>
      ) : (
        <>
          <td>{link}</td>
          {!hideClient && <td title={invoice.client}>{invoice.client}</td>}
          <td>{formatDate(invoice.due_date)}</td>
          <td className="num">{formatMoney(invoice.total_cents, lang)}</td>
          <td className="num">{formatMoney(invoice.balance_cents, lang)}</td>
          <td>
            <StatusPills invoice={invoice} t={t} />
          </td>
        </>
      )}
    </tr>
  );
});

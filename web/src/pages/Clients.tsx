import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  EmptyState,
  Group,
  Loader,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { listClients } from "../api/clients";
import { ClientFormModal } from "../components/ClientFormModal";
import { errorMessage } from "../components/errors";
import { PageTitle } from "../components/PageTitle";
import { ScoreBadge } from "../components/ScoreBadge";
import { useLang } from "../components/useLang";
import { useUrlParams } from "../components/useUrlParams";
import { formatMoney } from "../format";
import { useCan } from "../session";

const PAGE_SIZE = 100;

export default function ClientsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const canCreate = useCan("clients");
  const [params, updateParams] = useUrlParams();
  const sort = params.get("sort") === "name" ? "name" : "overdue";
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [q] = useDebouncedValue(search.trim(), 300);
  const creating = params.get("new") === "1";

  // The debounced search goes into the URL (so a link or a reload keeps it).
  useEffect(() => {
    updateParams((prev) => {
      const next = new URLSearchParams(prev);
      if (q) next.set("q", q);
      else next.delete("q");
      return next;
    });
  }, [q, updateParams]);

  function setSort(value: string | null) {
    updateParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value === "name") next.set("sort", "name");
      else next.delete("sort");
      return next;
    });
  }

  function setCreating(open: boolean) {
    updateParams((prev) => {
      const next = new URLSearchParams(prev);
      if (open) next.set("new", "1");
      else next.delete("new");
      return next;
    });
  }

  const list = useInfiniteQuery({
    queryKey: ["clients", "list", { q, sort }],
    queryFn: ({ pageParam, signal }) =>
      listClients({ q: q || undefined, sort, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <PageTitle title={t("clients.title")}>
        {canCreate && <Button onClick={() => setCreating(true)}>{t("clients.new")}</Button>}
      </PageTitle>

      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t("clients.search")}
          placeholder={t("clients.search_placeholder")}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
          style={{ flex: "1 1 240px" }}
        />
        <Select
          label={t("clients.sort")}
          value={sort}
          onChange={setSort}
          allowDeselect={false}
          data={[
            { value: "overdue", label: t("clients.sort_overdue") },
            { value: "name", label: t("clients.sort_name") },
          ]}
          w={{ base: "100%", xs: 220 }}
        />
      </Group>

      {list.isPending ? (
        <Center h={200}>
          <Loader aria-label={t("common.loading")} />
        </Center>
      ) : list.isError ? (
        <Alert color="red" title={t("errors.load_failed")}>
          {errorMessage(list.error, t)}
        </Alert>
      ) : rows.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          {q ? (
            <EmptyState title={t("clients.no_match_title")} description={t("clients.no_match", { q })}>
              <EmptyState.Actions>
                <Button variant="default" onClick={() => setSearch("")}>
                  {t("common.clear_search")}
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : (
            <EmptyState title={t("clients.empty_title")} description={t("clients.empty_text")}>
              <EmptyState.Actions>
                {canCreate && <Button onClick={() => setCreating(true)}>{t("clients.new")}</Button>}
                {canCreate && (
                  <Button component={Link} to="/import" variant="default">
                    {t("nav.import")}
                  </Button>
                )}
              </EmptyState.Actions>
            </EmptyState>
          )}
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="xs" fz="sm">
              <Table.Thead bg="gray.0">
                <Table.Tr>
                  <Table.Th>{t("clients.col.name")}</Table.Th>
                  <Table.Th>{t("clients.col.city")}</Table.Th>
                  <Table.Th className="num">{t("clients.col.outstanding")}</Table.Th>
                  <Table.Th className="num">{t("clients.col.overdue")}</Table.Th>
                  <Table.Th className="num">{t("clients.col.open_invoices")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id} data-testid="client-row">
                    <Table.Td style={{ overflowWrap: "anywhere" }}>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor
                          component={Link}
                          to={`/clients/${encodeURIComponent(c.id)}`}
                          fw={600}
                          size="sm"
                        >
                          {c.name}
                        </Anchor>
                        <ScoreBadge score={c.score} size="xs" />
                        {c.kind !== "business" && (
                          <Badge size="xs" variant="light" color="gray">
                            {t(`kinds.${c.kind}`)}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{c.city ?? ""}</Table.Td>
                    <Table.Td className="num">{formatMoney(c.outstanding_cents, lang)}</Table.Td>
                    <Table.Td className="num">
                      <Text
                        span
                        inherit
                        c={c.overdue_cents > 0 ? "red.7" : undefined}
                        fw={c.overdue_cents > 0 ? 600 : undefined}
                      >
                        {formatMoney(c.overdue_cents, lang)}
                      </Text>
                    </Table.Td>
                    <Table.Td className="num">
                      {c.open_invoices}
                      {c.overdue_invoices > 0 && (
                        <Text span size="xs" c="red.7">
                          {" "}
                          ({t("clients.overdue_count", { count: c.overdue_invoices })})
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {list.hasNextPage && (
            <Center p="sm">
              <Button
                variant="subtle"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {t("common.load_more")}
              </Button>
            </Center>
          )}
        </Paper>
      )}

      <ClientFormModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

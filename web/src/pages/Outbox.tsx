import {
  Button,
  Center,
  Chip,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { listOutbox, OUTBOX_STATES, type OutboxState } from "../api/dunning";
import { errorMessage } from "../components/errors";
import { OutboxMessageModal } from "../components/OutboxMessageModal";
import { OutboxStateBadge } from "../components/OutboxStateBadge";
import { PageTitle } from "../components/PageTitle";
import { useUrlParams } from "../components/useUrlParams";
import { formatDate } from "../format";

const PAGE = 50;

/** The outbox: every message, newest first, filtered by state (in the URL), a message opened in a modal. */
export default function OutboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useUrlParams();
  const states = (params.get("state") ?? "")
    .split(",")
    .filter((s): s is OutboxState => (OUTBOX_STATES as readonly string[]).includes(s));
  const open = params.get("message");

  const query = useInfiniteQuery({
    queryKey: ["outbox", "list", states.join(",")],
    queryFn: ({ pageParam, signal }) =>
      listOutbox({ state: states, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

  function set(key: string, value: string | null) {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  }

  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <PageTitle title={t("dunning.outbox.title")} />
      <Stack gap="md">
        <Text size="sm" c="dimmed" mt={-12}>
          {t("dunning.outbox.help")}
        </Text>
        <Chip.Group multiple value={states} onChange={(v) => set("state", v.join(","))}>
          <Group gap={6} role="group" aria-label={t("dunning.outbox.filter")} data-testid="outbox-filters">
            {OUTBOX_STATES.map((s) => (
              <Chip key={s} value={s} size="sm" variant="outline">
                {t(`dunning.states.${s}`)}
              </Chip>
            ))}
            {states.length > 0 && (
              <Button size="compact-sm" variant="subtle" onClick={() => set("state", null)}>
                {t("dunning.outbox.all")}
              </Button>
            )}
          </Group>
        </Chip.Group>
        <Paper withBorder radius="md">
          {query.isPending ? (
            <Center h={160}>
              <Loader aria-label={t("common.loading")} />
            </Center>
          ) : query.isError ? (
            <Stack p="md" gap="xs" align="flex-start">
              <Text c="red.8" size="sm">
                {errorMessage(query.error, t)}
              </Text>
              <Button size="xs" variant="default" onClick={() => void query.refetch()}>
                {t("common.retry")}
              </Button>
            </Stack>
          ) : rows.length === 0 ? (
            <Text p="md" size="sm" c="dimmed" data-testid="outbox-empty">
              {states.length > 0 ? t("dunning.outbox.empty_filtered") : t("dunning.outbox.empty")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table fz="sm" verticalSpacing={8} highlightOnHover data-testid="outbox-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={110}>{t("dunning.outbox.col_date")}</Table.Th>
                    <Table.Th>{t("dunning.outbox.col_client")}</Table.Th>
                    <Table.Th w={170}>{t("dunning.outbox.col_channel")}</Table.Th>
                    <Table.Th>{t("dunning.outbox.col_subject")}</Table.Th>
                    <Table.Th w={190}>{t("dunning.outbox.col_state")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((m) => (
                    <Table.Tr
                      key={m.id}
                      data-testid="outbox-row"
                      style={{ cursor: "pointer" }}
                      onClick={() => set("message", m.id)}
                    >
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(m.planned_on)}</Table.Td>
                      <Table.Td style={{ overflowWrap: "anywhere" }}>{m.client_name}</Table.Td>
                      <Table.Td>{t(`dunning_settings.channels.${m.channel}`)}</Table.Td>
                      <Table.Td style={{ overflowWrap: "anywhere" }}>
                        <UnstyledButton
                          fz="sm"
                          c={m.subject ? undefined : "dimmed"}
                          aria-label={t("dunning.outbox.open_message", {
                            subject: m.subject || m.client_name,
                          })}
                          onClick={(e) => {
                            e.stopPropagation();
                            set("message", m.id);
                          }}
                        >
                          {m.subject || t("dunning.outbox.no_subject")}
                        </UnstyledButton>
                      </Table.Td>
                      <Table.Td>
                        <OutboxStateBadge state={m.state} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
        {query.hasNextPage && (
          <Group justify="center">
            <Button
              variant="default"
              onClick={() => void query.fetchNextPage()}
              loading={query.isFetchingNextPage}
            >
              {t("dunning.outbox.more")}
            </Button>
          </Group>
        )}
      </Stack>
      {open && <OutboxMessageModal id={open} onClose={() => set("message", null)} />}
    </>
  );
}

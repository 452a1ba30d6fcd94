import { Alert, Anchor, Badge, Box, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { documentContentUrl } from "../api/documents";
import {
  completeTask,
  getOutbox,
  getToday,
  isFailureTask,
  type Outbox,
  type RunResult,
  runToday,
  sortToday,
  type Task,
  TODAY_KEY,
  taskRefs,
} from "../api/dunning";
import { refreshDunning } from "../components/dunning-refresh";
import { notifySuccess, reportError } from "../components/errors";
import { LetterForm } from "../components/LetterForm";
import { OutboxMessageModal, useOutboxAction } from "../components/OutboxMessageModal";
import { OutboxStateBadge } from "../components/OutboxStateBadge";
import { PageTitle } from "../components/PageTitle";
import { QueryState } from "../components/QueryState";
import { formatDate } from "../format";
import { useCan } from "../session";

/** "À faire aujourd'hui": what awaits approval, calls and tasks, letters to post, failures; the day's run. */
export default function TodayPage() {
  const { t } = useTranslation();
  const canRun = useCan("dunning");
  const query = useQuery({ queryKey: TODAY_KEY, queryFn: getToday });
  const [open, setOpen] = useState<string | null>(null);
  const [run, setRun] = useState<RunResult | null>(null);
  const runMutation = useMutation({
    mutationFn: runToday,
    onSuccess: async (result) => {
      setRun(result);
      await refreshDunning();
    },
    onError: (e) => reportError(e, t),
  });

  return (
    <>
      <PageTitle title={t("dunning.today.title")}>
        {canRun && (
          <Button onClick={() => runMutation.mutate()} loading={runMutation.isPending}>
            {t("dunning.today.run")}
          </Button>
        )}
      </PageTitle>
      <Stack gap="lg">
        {query.data && (
          <Text size="sm" c="dimmed" mt={-12}>
            {t("dunning.today.date", { date: formatDate(query.data.date) })}
          </Text>
        )}
        {run && <RunSummary run={run} onClose={() => setRun(null)} />}
        <QueryState query={query}>
          {(today) => {
            const { letters, tasks, failures } = sortToday(today);
            return (
              <Stack gap="lg">
                <Section
                  testId="today-approvals"
                  title={t("dunning.today.approvals")}
                  count={today.approvals.length}
                  help={t("dunning.today.approvals_help")}
                  empty={t("dunning.today.no_approvals")}
                >
                  {today.approvals.map((m) => (
                    <ApprovalItem key={m.id} message={m} onOpen={() => setOpen(m.id)} />
                  ))}
                </Section>
                <Section
                  testId="today-tasks"
                  title={t("dunning.today.tasks")}
                  count={tasks.length}
                  empty={t("dunning.today.no_tasks")}
                >
                  {tasks.map((task) => (
                    <TaskItem key={task.id} task={task} today={today.date} />
                  ))}
                </Section>
                <Section
                  testId="today-letters"
                  title={t("dunning.today.letters")}
                  count={letters.length}
                  help={t("dunning.today.letters_help")}
                  empty={t("dunning.today.no_letters")}
                >
                  {letters.map((task) => (
                    <LetterItem key={task.id} task={task} today={today.date} />
                  ))}
                </Section>
                <Section
                  testId="today-failures"
                  title={t("dunning.today.failures")}
                  count={failures.length}
                  help={failures.length > 0 ? t("dunning.today.failures_help") : undefined}
                  empty={t("dunning.today.no_failures")}
                >
                  {failures.map((m) => (
                    <FailureItem key={m.id} message={m} onOpen={() => setOpen(m.id)} />
                  ))}
                </Section>
              </Stack>
            );
          }}
        </QueryState>
      </Stack>
      {open && <OutboxMessageModal id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function Section({
  title,
  count,
  help,
  empty,
  testId,
  children,
}: {
  title: string;
  count: number;
  help?: string;
  empty: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId} component="section" aria-label={title}>
      <Group gap="xs" mb={help ? 4 : "sm"}>
        <Title order={2} size="h4">
          {title}
        </Title>
        {count > 0 && (
          <Badge variant="filled" color="indigo" size="sm" circle={count < 10}>
            {count}
          </Badge>
        )}
      </Group>
      {help && count > 0 && (
        <Text size="sm" c="dimmed" mb="sm" maw={860}>
          {help}
        </Text>
      )}
      {count === 0 ? (
        <Text size="sm" c="dimmed" data-testid="empty">
          {empty}
        </Text>
      ) : (
        <Stack gap={0} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {children}
        </Stack>
      )}
    </Paper>
  );
}

function Item({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <Box
      component="li"
      py="sm"
      data-testid={testId}
      style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}
    >
      {children}
    </Box>
  );
}

function ClientLink({ id, name }: { id: string | null; name: string | null }) {
  if (!id) return null;
  return (
    <Anchor component={Link} to={`/clients/${encodeURIComponent(id)}`} fw={600} size="sm">
      {name ?? "—"}
    </Anchor>
  );
}

function InvoiceNumbers({ message }: { message: Outbox }) {
  const { t } = useTranslation();
  if (message.invoices.length === 0) return null;
  return (
    <Text size="sm" c="dimmed">
      {t("dunning.today.invoices", {
        count: message.invoices.length,
        numbers: message.invoices.map((i) => i.number).join(", "),
      })}
    </Text>
  );
}

function ApprovalItem({ message, onOpen }: { message: Outbox; onOpen: () => void }) {
  const { t } = useTranslation();
  const canApprove = useCan("dunning");
  const action = useOutboxAction();
  return (
    <Item testId="approval">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Group gap="xs">
            <ClientLink id={message.client_id} name={message.client_name} />
            <Badge size="sm" variant="light" color="grape">
              {t(`dunning_settings.channels.${message.channel}`)}
            </Badge>
          </Group>
          {message.subject && (
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {message.subject}
            </Text>
          )}
          <InvoiceNumbers message={message} />
        </Stack>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={onOpen}>
            {t("dunning.today.open")}
          </Button>
          {canApprove && (
            <Button
              size="xs"
              loading={action.isPending}
              onClick={() => action.mutate({ id: message.id, action: "approve" })}
            >
              {t("dunning.message.approve")}
            </Button>
          )}
        </Group>
      </Group>
    </Item>
  );
}

function useDone() {
  const { t } = useTranslation();
  return useMutation({
    mutationFn: completeTask,
    onSuccess: async () => {
      notifySuccess(t("dunning.today.done_saved"));
      await refreshDunning();
    },
    onError: (e) => reportError(e, t),
  });
}

function TaskKindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const known = [
    "call",
    "settlement",
    "judicial",
    "post_letter",
    "post_registered_letter",
    "outbox_failed",
    "outbox_uncertain",
  ];
  return (
    <Badge size="sm" variant="light" color={kind.startsWith("outbox") ? "red" : "indigo"}>
      {known.includes(kind) ? t(`dunning.task_kinds.${kind as "call"}`) : t("dunning.task_kinds.other")}
    </Badge>
  );
}

function TaskItem({ task, today }: { task: Task; today: string }) {
  const { t } = useTranslation();
  const canDo = useCan("notes");
  const done = useDone();
  return (
    <Item testId="task">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Group gap="xs">
            <TaskKindBadge kind={task.kind} />
            <ClientLink id={task.client_id} name={task.client_name} />
            {task.kind === "call" && task.client_id && (
              <Anchor
                component={Link}
                to={`/clients/${encodeURIComponent(task.client_id)}/call`}
                size="xs"
                data-testid="prepare-call"
              >
                {t("calls.prepare")}
              </Anchor>
            )}
            {task.kind === "judicial" && task.client_id && (
              <Anchor
                component={Link}
                to={`/clients/${encodeURIComponent(task.client_id)}/recovery`}
                size="xs"
                data-testid="prepare-recovery"
              >
                {t("recovery.from_task")}
              </Anchor>
            )}
            {task.due_on < today && (
              <Text size="xs" c="orange.8">
                {t("dunning.today.due_since", { date: formatDate(task.due_on) })}
              </Text>
            )}
          </Group>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {task.invoice_id ? (
              <Anchor component={Link} to={`/invoices/${encodeURIComponent(task.invoice_id)}`} inherit>
                {task.title}
              </Anchor>
            ) : (
              task.title
            )}
          </Text>
          {isFailureTask(task) && (
            <Text size="xs" c="dimmed">
              {t("dunning.today.leftover_task")}
            </Text>
          )}
        </Stack>
        {canDo && (
          <Button size="xs" variant="light" loading={done.isPending} onClick={() => done.mutate(task.id)}>
            {t("dunning.today.done")}
          </Button>
        )}
      </Group>
    </Item>
  );
}

function LetterItem({ task, today }: { task: Task; today: string }) {
  const { t } = useTranslation();
  const canDo = useCan("notes");
  const done = useDone();
  const { outboxId, documentId } = taskRefs(task);
  const registered = task.kind === "post_registered_letter";
  const message = useQuery({
    queryKey: ["outbox", "detail", outboxId],
    queryFn: () => getOutbox(outboxId ?? ""),
    enabled: registered && outboxId !== null,
  });
  return (
    <Item testId="letter">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Stack gap={2} style={{ minWidth: 0, flex: "1 1 320px" }}>
            <Group gap="xs">
              <TaskKindBadge kind={task.kind} />
              <ClientLink id={task.client_id} name={task.client_name} />
              {task.due_on < today && (
                <Text size="xs" c="orange.8">
                  {t("dunning.today.due_since", { date: formatDate(task.due_on) })}
                </Text>
              )}
            </Group>
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {task.title}
            </Text>
          </Stack>
          <Group gap="xs">
            {documentId && (
              <Button
                component="a"
                href={documentContentUrl(documentId)}
                target="_blank"
                rel="noopener"
                size="xs"
                variant="default"
              >
                {t("dunning.today.download_pdf")}
              </Button>
            )}
            {canDo && (
              <Button size="xs" variant="light" loading={done.isPending} onClick={() => done.mutate(task.id)}>
                {t("dunning.today.posted")}
              </Button>
            )}
          </Group>
        </Group>
        {registered && message.data && (
          <Paper withBorder p="sm" radius="sm" bg="gray.0">
            <LetterForm key={message.data.updated_at} message={message.data} />
          </Paper>
        )}
      </Stack>
    </Item>
  );
}

function FailureItem({ message, onOpen }: { message: Outbox; onOpen: () => void }) {
  const { t } = useTranslation();
  const canApprove = useCan("dunning");
  const canNote = useCan("notes");
  const action = useOutboxAction();
  return (
    <Item testId="failure">
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Group gap="xs">
            <OutboxStateBadge state={message.state} />
            <ClientLink id={message.client_id} name={message.client_name} />
            <Text size="xs" c="dimmed">
              {t(`dunning_settings.channels.${message.channel}`)} · {formatDate(message.planned_on)}
            </Text>
          </Group>
          {message.subject && (
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {message.subject}
            </Text>
          )}
          {message.last_error && (
            <Text size="sm" c="red.8" style={{ overflowWrap: "anywhere" }}>
              {t("dunning.today.last_error", { error: message.last_error })}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={onOpen}>
            {t("dunning.today.open")}
          </Button>
          {message.state === "uncertain" && canNote && (
            <Button
              size="xs"
              variant="default"
              loading={action.isPending && action.variables?.action === "mark_sent"}
              onClick={() => action.mutate({ id: message.id, action: "mark_sent" })}
            >
              {t("dunning.message.mark_sent")}
            </Button>
          )}
          {canApprove && (
            <Button
              size="xs"
              variant="light"
              loading={action.isPending && action.variables?.action === "retry"}
              onClick={() => action.mutate({ id: message.id, action: "retry" })}
            >
              {t("dunning.message.retry")}
            </Button>
          )}
        </Group>
      </Group>
    </Item>
  );
}

function RunSummary({ run, onClose }: { run: RunResult; onClose: () => void }) {
  const { t } = useTranslation();
  const parts = [
    run.planned.length > 0 ? t("dunning.today.run_planned", { count: run.planned.length }) : null,
    run.awaiting_approval > 0 ? t("dunning.today.run_awaiting", { count: run.awaiting_approval }) : null,
    run.sent > 0 ? t("dunning.today.run_sent", { count: run.sent }) : null,
    run.skipped.length > 0 ? t("dunning.today.run_skipped", { count: run.skipped.length }) : null,
  ].filter((p): p is string => p !== null);
  const nothing = run.planned.length === 0 && run.sent === 0;
  return (
    <Alert
      color={nothing ? "gray" : "teal"}
      title={t("dunning.today.run_title", { date: formatDate(run.date) })}
      withCloseButton
      onClose={onClose}
      data-testid="run-summary"
    >
      <Text size="sm">{nothing ? t("dunning.today.run_nothing") : `${parts.join(" · ")}.`}</Text>
      {run.planned.length > 0 && (
        <List size="sm" mt="xs" spacing={2}>
          {run.planned.map((p) => (
            <List.Item key={p.action_id}>
              <Text span size="sm" fw={600}>
                {p.client}
              </Text>{" "}
              — {p.step} ({p.invoices.join(", ")})
              {p.awaiting_approval && (
                <Badge ml="xs" size="xs" color="orange" variant="light">
                  {t("dunning.today.run_awaiting_badge")}
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

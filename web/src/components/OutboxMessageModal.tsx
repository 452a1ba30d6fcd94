import { Alert, Anchor, Box, Button, Group, Modal, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { documentContentUrl } from "../api/documents";
import {
  approveOutbox,
  cancelOutbox,
  completeTask,
  getOutbox,
  getToday,
  markOutboxSent,
  type Outbox,
  retryOutbox,
  taskRefs,
} from "../api/dunning";
import { formatDate, formatTimestamp } from "../format";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { refreshDunning } from "./dunning-refresh";
import { notifySuccess, reportError } from "./errors";
import { LetterForm } from "./LetterForm";
import { OutboxStateBadge } from "./OutboxStateBadge";
import { QueryState } from "./QueryState";
import { useLang } from "./useLang";

export type OutboxAction = "approve" | "cancel" | "retry" | "mark_sent";

const RUN: Record<OutboxAction, (id: string) => Promise<Outbox>> = {
  approve: approveOutbox,
  cancel: cancelOutbox,
  retry: retryOutbox,
  mark_sent: markOutboxSent,
};

const DONE: Record<OutboxAction, string> = {
  approve: "approved",
  cancel: "cancelled",
  retry: "retried",
  mark_sent: "marked_sent",
};

/** What may be done to a message in its state, by whom (approve, cancel, retry: "dunning"; mark sent: "notes"). */
export function allowedActions(message: Outbox, canApprove: boolean, canNote: boolean): OutboxAction[] {
  const actions: OutboxAction[] = [];
  switch (message.state) {
    case "awaiting_approval":
      if (canApprove) actions.push("approve", "cancel");
      break;
    case "pending":
      if (canApprove) actions.push("cancel");
      break;
    case "failed":
      if (canApprove) actions.push("retry", "cancel");
      break;
    case "uncertain":
      if (canNote) actions.push("mark_sent");
      if (canApprove) actions.push("retry", "cancel");
      break;
    default:
      break;
  }
  return actions;
}

/**
 * The failure tasks ("the message failed", "its fate is uncertain") of a message the user has just dealt with
 * (retried, marked sent or cancelled) are done too: they would only repeat what was handled.
 */
async function closeFailureTasks(id: string): Promise<void> {
  const today = await getToday();
  const tasks = today.tasks.filter(
    (task) =>
      (task.kind === "outbox_failed" || task.kind === "outbox_uncertain") && taskRefs(task).outboxId === id,
  );
  await Promise.all(tasks.map((task) => completeTask(task.id)));
}

/** Runs one action on a message, says so, and refreshes what shows messages. */
export function useOutboxAction(onDone?: (action: OutboxAction, saved: Outbox) => void) {
  const { t } = useTranslation();
  return useMutation({
    mutationFn: async ({ id, action }: { id: string; action: OutboxAction }) => {
      const saved = await RUN[action](id);
      // A failure task left open is harmless: it can still be marked done by hand.
      if (action !== "approve") await closeFailureTasks(id).catch(() => undefined);
      return saved;
    },
    onSuccess: async (saved, { action }) => {
      notifySuccess(t(`dunning.message.${DONE[action] as "approved"}`));
      queryClient.setQueryData(["outbox", "detail", saved.id], saved);
      onDone?.(action, saved);
      await refreshDunning();
    },
    onError: (e) => reportError(e, t),
  });
}

/** One message of the outbox in a modal: recipients, subject, text and HTML (sandboxed), history, actions. */
export function OutboxMessageModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ["outbox", "detail", id], queryFn: () => getOutbox(id) });
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={
        query.data ? t("dunning.message.title", { client: query.data.client_name }) : t("common.loading")
      }
      data-testid="outbox-message"
    >
      <QueryState query={query}>
        {(message) => <MessageView message={message} onClose={onClose} />}
      </QueryState>
    </Modal>
  );
}

function MessageView({ message, onClose }: { message: Outbox; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const canApprove = useCan("dunning");
  const canNote = useCan("notes");
  const [confirmCancel, setConfirmCancel] = useState(false);
  const action = useOutboxAction((done) => {
    setConfirmCancel(false);
    if (done === "approve" || done === "cancel") onClose();
  });
  const actions = allowedActions(message, canApprove, canNote);
  const notRendered = message.state === "awaiting_approval" || message.state === "pending";
  const isLetter = message.channel !== "email";

  const rows: [string, ReactNode][] = [
    [t("dunning.outbox.col_channel"), t(`dunning_settings.channels.${message.channel}`)],
    [
      t("dunning.message.recipients"),
      message.recipients.length === 0
        ? t("dunning.message.no_recipients")
        : message.recipients.map((r) => (r.name ? `${r.name} <${r.address}>` : r.address)).join(", "),
    ],
    [
      t("dunning.message.invoices"),
      message.invoices.length === 0 ? (
        "—"
      ) : (
        <Group gap={6} key="invoices">
          {message.invoices.map((i) => (
            <Anchor key={i.id} component={Link} to={`/invoices/${encodeURIComponent(i.id)}`} size="sm">
              {i.number}
            </Anchor>
          ))}
        </Group>
      ),
    ],
    [t("dunning.message.planned_on"), formatDate(message.planned_on)],
  ];
  if (message.sent_at) rows.push([t("dunning.message.sent_at"), formatTimestamp(message.sent_at, lang)]);
  if (message.attempts > 0) rows.push([t("dunning.message.attempts"), String(message.attempts)]);
  if (message.next_attempt_at && (message.state === "pending" || message.state === "failed"))
    rows.push([t("dunning.message.next_attempt"), formatTimestamp(message.next_attempt_at, lang)]);
  if (message.message_id) rows.push([t("dunning.message.message_id"), message.message_id]);

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <OutboxStateBadge state={message.state} size="md" />
        <Anchor component={Link} to={`/clients/${encodeURIComponent(message.client_id)}`} fw={600}>
          {message.client_name}
        </Anchor>
      </Group>
      {message.transport === "local" && (
        <Alert color="gray" p="xs" data-testid="local-transport">
          <Text size="sm">{t("dunning.message.local")}</Text>
        </Alert>
      )}
      {message.last_error && (
        <Alert
          color={message.state === "sent" ? "gray" : "red"}
          p="xs"
          title={t("dunning.message.last_error")}
        >
          <Text size="sm" className="pre-wrap" style={{ overflowWrap: "anywhere" }}>
            {message.last_error}
          </Text>
        </Alert>
      )}
      {message.cancel_reason && (
        <Alert color="gray" p="xs" title={t("dunning.message.cancel_reason")}>
          <Text size="sm">{message.cancel_reason}</Text>
        </Alert>
      )}
      <Table fz="sm" verticalSpacing={4}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th fw={500} c="dimmed" w="30%">
                {label}
              </Table.Th>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Box>
        <Text size="xs" c="dimmed">
          {t("dunning.message.subject")}
        </Text>
        <Title order={3} size="h5" data-testid="message-subject" style={{ overflowWrap: "anywhere" }}>
          {message.subject || "—"}
        </Title>
        {notRendered && (
          <Text size="xs" c="dimmed">
            {t("dunning.message.preview_note")}
          </Text>
        )}
      </Box>
      <Tabs defaultValue={message.html_body ? "html" : "text"} keepMounted={false}>
        <Tabs.List>
          {message.html_body && <Tabs.Tab value="html">{t("dunning.message.tab_html")}</Tabs.Tab>}
          <Tabs.Tab value="text">{t("dunning.message.tab_text")}</Tabs.Tab>
        </Tabs.List>
        {message.html_body && (
          <Tabs.Panel value="html" pt="xs">
            <Box
              component="iframe"
              sandbox=""
              srcDoc={message.html_body}
              title={t("dunning.message.frame")}
              data-testid="message-frame"
              style={{
                width: "100%",
                height: 480,
                border: "1px solid var(--mantine-color-gray-3)",
                borderRadius: 4,
                background: "white",
              }}
            />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="text" pt="xs">
          <Box
            component="pre"
            data-testid="message-text"
            m={0}
            p="sm"
            fz="sm"
            style={{
              whiteSpace: "pre-wrap",
              overflowWrap: "anywhere",
              fontFamily: "inherit",
              maxHeight: 480,
              overflow: "auto",
              border: "1px solid var(--mantine-color-gray-3)",
              borderRadius: 4,
            }}
          >
            {message.text_body}
          </Box>
        </Tabs.Panel>
      </Tabs>

      {isLetter && message.document_id && (
        <Group gap="xs">
          <Button
            component="a"
            href={documentContentUrl(message.document_id)}
            target="_blank"
            rel="noopener"
            variant="default"
            size="xs"
          >
            {t("dunning.today.download_pdf")}
          </Button>
        </Group>
      )}
      {message.channel === "registered_letter" && message.state === "sent" && (
        <Box>
          <Title order={3} size="h5" mb={4}>
            {t("dunning.letter.title")}
          </Title>
          <LetterForm key={message.updated_at} message={message} />
        </Box>
      )}

      {confirmCancel ? (
        <Alert color="orange" p="xs">
          <Text size="sm" mb="xs">
            {t("dunning.message.cancel_warning")}
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              color="red"
              loading={action.isPending}
              onClick={() => action.mutate({ id: message.id, action: "cancel" })}
            >
              {t("dunning.message.cancel_confirm")}
            </Button>
            <Button size="xs" variant="default" onClick={() => setConfirmCancel(false)}>
              {t("dunning.message.cancel_keep")}
            </Button>
          </Group>
        </Alert>
      ) : (
        <Group justify="flex-end" gap="xs">
          {actions.includes("cancel") && (
            <Button variant="subtle" color="red" onClick={() => setConfirmCancel(true)}>
              {t("dunning.message.cancel")}
            </Button>
          )}
          {actions.includes("mark_sent") && (
            <Button
              variant="default"
              loading={action.isPending && action.variables?.action === "mark_sent"}
              onClick={() => action.mutate({ id: message.id, action: "mark_sent" })}
            >
              {t("dunning.message.mark_sent")}
            </Button>
          )}
          {actions.includes("retry") && (
            <Button
              variant="light"
              loading={action.isPending && action.variables?.action === "retry"}
              onClick={() => action.mutate({ id: message.id, action: "retry" })}
            >
              {t("dunning.message.retry")}
            </Button>
          )}
          {actions.includes("approve") && (
            <Button
              loading={action.isPending && action.variables?.action === "approve"}
              onClick={() => action.mutate({ id: message.id, action: "approve" })}
            >
              {t("dunning.message.approve")}
            </Button>
          )}
          <Button variant="default" onClick={onClose}>
            {t("dunning.message.close")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

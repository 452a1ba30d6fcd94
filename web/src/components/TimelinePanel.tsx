import {
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Action, addAction, listActions, type TimelineEntryKind } from "../api/actions";
import { formatDate } from "../format";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { errorMessage, notifySuccess, reportError } from "./errors";

const KINDS: readonly TimelineEntryKind[] = ["note", "call", "acknowledgement", "court_claim", "enforcement"];
/** Entries that interrupt prescription: dated by the user, since they usually happened earlier. */
const INTERRUPTIONS: readonly TimelineEntryKind[] = ["acknowledgement", "court_claim", "enforcement"];

/** The invoices an entry is about (on a client's timeline, where several invoices' entries mix). */
const numbersOf = (a: Action): string[] => a.invoice_numbers ?? (a.invoice_number ? [a.invoice_number] : []);

/**
 * What happened to a client or an invoice, newest first, and a form to add a note, a call, or an event that
 * interrupts prescription (acknowledgement of debt, court claim, enforcement) with its date.
 */
export function TimelinePanel({ clientId, invoiceId }: { clientId?: string; invoiceId?: string }) {
  const { t } = useTranslation();
  const canNote = useCan("notes");
  // An invoice's own items; a client's include those of its invoices.
  const filter = invoiceId ? { invoice_id: invoiceId } : { client_id: clientId };
  const actions = useQuery({
    queryKey: ["actions", filter],
    queryFn: () => listActions({ ...filter, limit: 100 }),
  });
  const [summary, setSummary] = useState("");
  const [kind, setKind] = useState<TimelineEntryKind>("note");
  const [occurredOn, setOccurredOn] = useState("");
  const dated = INTERRUPTIONS.includes(kind);
  const [error, setError] = useState<string | undefined>();

  const add = useMutation({
    mutationFn: () =>
      addAction({
        kind,
        summary: summary.trim(),
        client_id: clientId,
        invoice_id: invoiceId,
        ...(dated && occurredOn !== "" ? { occurred_on: occurredOn } : {}),
      }),
    onSuccess: async () => {
      notifySuccess(
        kind === "call"
          ? t("timeline.call_added")
          : dated
            ? t("timeline.interruption_added")
            : t("timeline.note_added"),
      );
      setSummary("");
      setOccurredOn("");
      await queryClient.invalidateQueries({ queryKey: ["actions"] });
      if (dated) await queryClient.invalidateQueries({ queryKey: ["prescription"] });
    },
    onError: (e) =>
      reportError(e, t, {
        paths: { summary: "summary", occurred_on: "occurred_on" },
        setErrors: (errs) => setError(errs.summary ?? errs.occurred_on),
      }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (summary.trim() === "") {
      setError(t("timeline.note_required"));
      return;
    }
    setError(undefined);
    add.mutate();
  }

  const items = actions.data?.data ?? [];

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t("timeline.title")}
      </Title>
      {canNote && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs" mb="md">
            <Textarea
              label={t("timeline.note_label")}
              placeholder={t("timeline.note_placeholder")}
              value={summary}
              onChange={(e) => setSummary(e.currentTarget.value)}
              error={error}
              autosize
              minRows={2}
              maxRows={6}
            />
            <Group justify="space-between" gap="xs">
              <Group gap="xs">
                <Select
                  size="xs"
                  w={210}
                  value={kind}
                  allowDeselect={false}
                  onChange={(v) => setKind(KINDS.find((k) => k === v) ?? "note")}
                  data={KINDS.map((k) => ({ value: k, label: t(`action_kinds.${k}`) }))}
                  aria-label={t("timeline.kind")}
                />
                {dated && (
                  <TextInput
                    size="xs"
                    type="date"
                    w={150}
                    value={occurredOn}
                    onChange={(e) => setOccurredOn(e.currentTarget.value)}
                    aria-label={t("timeline.date")}
                  />
                )}
              </Group>
              <Button type="submit" size="xs" loading={add.isPending}>
                {t("timeline.add")}
              </Button>
            </Group>
            {dated && (
              <Text size="xs" c="dimmed">
                {t("timeline.interruption_hint")}
              </Text>
            )}
          </Stack>
        </form>
      )}
      {actions.isError ? (
        <Text c="red" size="sm">
          {errorMessage(actions.error, t)}
        </Text>
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {actions.isPending ? t("common.loading") : t("timeline.none")}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={640} type="auto" offsetScrollbars>
          <Timeline bulletSize={12} lineWidth={2} active={-1}>
            {items.map((a) => (
              <Timeline.Item
                key={a.id}
                data-testid="timeline-entry"
                title={
                  <Group gap={6}>
                    <Badge size="xs" variant="light">
                      {t(`action_kinds.${a.kind}`, { defaultValue: t("action_kinds.other") })}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {formatDate(a.occurred_on)}
                      {a.user_name ? ` · ${a.user_name}` : ""}
                    </Text>
                    {!invoiceId && numbersOf(a).length > 0 && (
                      <Text size="xs" c="dimmed" data-testid="timeline-invoices">
                        {t("timeline.invoices", {
                          count: numbersOf(a).length,
                          numbers: numbersOf(a).join(", "),
                        })}
                      </Text>
                    )}
                  </Group>
                }
              >
                <Text size="sm" className="pre-wrap">
                  {a.summary}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}

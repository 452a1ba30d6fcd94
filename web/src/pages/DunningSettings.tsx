import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import {
  CHANNELS,
  type Channel,
  createSequence,
  deleteSequence,
  listSequences,
  listTemplates,
  MAX_STEPS,
  MESSAGE_CHANNELS,
  offsetLabel,
  PLAN_TEMPLATE_KEYS,
  type PlanTemplateKey,
  QUOTE_TEMPLATE_KEYS,
  type QuoteTemplateKey,
  type Sequence,
  type StepInput,
  TASK_KINDS,
  TEMPLATE_KEYS,
  type TemplateKey,
  type TemplateSummary,
  TONES,
  type Tone,
  updateSequence,
} from "../api/dunning-settings";
import { type FieldErrors, notifySuccess, reportError } from "../components/errors";
import { PageTitle } from "../components/PageTitle";
import { QueryState } from "../components/QueryState";
import { useLang } from "../components/useLang";
import { queryClient } from "../queryClient";
import { useCan } from "../session";

/** A step being edited: `key` tells React rows apart (the step's id, or a new one's). */
interface Row {
  key: string;
  id?: string;
  offset: number | string;
  channel: Channel;
  template_key: string | null;
  task_kind: string | null;
  tone: Tone;
  requires_approval: boolean;
  never_skip: boolean;
  label: string;
}

let newRows = 0;

/** A step's fields whose problems the server reports (`steps.<i>.<field>`), with their column's name. */
const FIELDS = [
  ["offset_days", "col_offset"],
  ["channel", "col_channel"],
  ["label", "col_label"],
  ["template_key", "col_content"],
  ["task_kind", "col_content"],
  ["tone", "col_tone"],
  ["id", "col_step"],
] as const;

function rowsOf(sequence: Sequence): Row[] {
  return sequence.steps.map((s) => ({
    key: s.id,
    id: s.id,
    offset: s.offset_days,
    channel: s.channel,
    template_key: s.template_key,
    task_kind: s.task_kind,
    tone: s.tone,
    requires_approval: s.requires_approval,
    never_skip: s.never_skip,
    label: s.label,
  }));
}

/** The name of a template key in the interface's language ("Professionnels · Première relance"). */
export function useTemplateName(): (key: string) => string {
  const { t } = useTranslation();
  return (key) => {
    const [audience, step] = key.split(".");
    if ((audience === "b2b" || audience === "b2c") && step && TEMPLATE_KEYS.includes(key as TemplateKey)) {
      return t(`dunning_settings.template_names.${audience}.${step as "pre_due"}`);
    }
    if (audience === "deposit" && TEMPLATE_KEYS.includes(key as TemplateKey)) {
      return t(`dunning_settings.template_names.deposit.${step as "reminder_1"}`);
    }
    if (audience === "plan" && PLAN_TEMPLATE_KEYS.includes(key as PlanTemplateKey)) {
      return t(`dunning_settings.template_names.plan.${step as "installment_before"}`);
    }
    if (audience === "quote" && QUOTE_TEMPLATE_KEYS.includes(key as QuoteTemplateKey)) {
      return t(`dunning_settings.template_names.quote.${step as "sent"}`);
    }
    return key;
  };
}

export default function DunningSettingsPage() {
  const { t } = useTranslation();
  const canEdit = useCan("dunning");
  const query = useQuery({ queryKey: ["dunning", "sequences"], queryFn: listSequences });
  const [creating, setCreating] = useState<{ source: string } | null>(null);

  return (
    <>
      <PageTitle title={t("dunning_settings.title")}>
        {canEdit && query.data && (
          <Button onClick={() => setCreating({ source: `copy:${query.data.data[0]?.id ?? ""}` })}>
            {t("dunning_settings.new_sequence")}
          </Button>
        )}
      </PageTitle>
      <Stack gap="lg">
        <Anchor component={Link} to="/settings" size="sm">
          ← {t("dunning_settings.back")}
        </Anchor>
        <Text size="sm" c="dimmed" maw={860}>
          {t("dunning_settings.help")}
        </Text>
        {!canEdit && (
          <Alert color="gray" data-testid="dunning-read-only">
            <Text size="sm">{t("dunning_settings.read_only")}</Text>
          </Alert>
        )}
        <QueryState query={query}>
          {(page) => (
            <Stack gap="lg">
              {page.data.map((sequence) => (
                <SequenceEditor
                  key={`${sequence.id}:${sequence.updated_at}`}
                  sequence={sequence}
                  canEdit={canEdit}
                  onDuplicate={() => setCreating({ source: `copy:${sequence.id}` })}
                />
              ))}
            </Stack>
          )}
        </QueryState>
        <TemplatesList />
      </Stack>
      {creating && query.data && (
        <NewSequenceModal
          sequences={query.data.data}
          initialSource={creating.source}
          onClose={() => setCreating(null)}
        />
      )}
    </>
  );
}

function SequenceEditor({
  sequence,
  canEdit,
  onDuplicate,
}: {
  sequence: Sequence;
  canEdit: boolean;
  onDuplicate: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const templateName = useTemplateName();
  const [name, setName] = useState(sequence.name);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(sequence));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failed, setFailed] = useState(false);

  const save = useMutation({
    mutationFn: (steps: StepInput[]) => updateSequence(sequence.id, { name, steps }),
    onSuccess: async () => {
      setErrors({});
      setFailed(false);
      notifySuccess(t("dunning_settings.saved"));
      await queryClient.invalidateQueries({ queryKey: ["dunning", "sequences"] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400 && e.validation.length > 0) {
        const next: FieldErrors = {};
        for (const d of e.validation) if (!next[d.path]) next[d.path] = d.message;
        setErrors(next);
        setFailed(true);
        return;
      }
      reportError(e, t);
    },
  });

  const remove = useMutation({
    mutationFn: () => deleteSequence(sequence.id),
    onSuccess: async () => {
      notifySuccess(t("dunning_settings.deleted"));
      await queryClient.invalidateQueries({ queryKey: ["dunning", "sequences"] });
    },
    onError: (e) => reportError(e, t),
  });

  function change(index: number, patch: Partial<Row>) {
    setRows((prev) => prev.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  }
  function move(index: number, by: -1 | 1) {
    setRows((prev) => {
      const next = [...prev];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + by, 0, row);
      return next;
    });
    setErrors({});
  }
  function addStep() {
    newRows += 1;
    const last = rows.at(-1);
    const offset = typeof last?.offset === "number" ? Math.min(last.offset + 7, 365) : 1;
    setRows((prev) => [
      ...prev,
      {
        key: `new-${newRows}`,
        offset,
        channel: "email",
        template_key: sequence.default_for === "consumer" ? "b2c.reminder_2" : "b2b.reminder_2",
        task_kind: null,
        tone: "firm",
        requires_approval: false,
        never_skip: false,
        label: t("dunning_settings.new_step_label"),
      },
    ]);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const steps: StepInput[] = rows.map((r) => {
      const message = MESSAGE_CHANNELS.has(r.channel);
      return {
        ...(r.id ? { id: r.id } : {}),
        offset_days: typeof r.offset === "number" ? r.offset : Number.parseInt(r.offset, 10),
        channel: r.channel,
        template_key: message ? r.template_key : null,
        task_kind: message ? null : r.task_kind,
        tone: r.tone,
        requires_approval: r.requires_approval,
        never_skip: r.never_skip,
        label: r.label,
      };
    });
    const bad = steps.findIndex((s) => !Number.isInteger(s.offset_days));
    if (bad >= 0) {
      setErrors({ [`steps.${bad}.offset_days`]: t("validation.days") });
      setFailed(true);
      return;
    }
    save.mutate(steps);
  }

  const templateOptions = TEMPLATE_KEYS.map((k) => ({ value: k, label: templateName(k) }));
  const taskOptions = TASK_KINDS.map((k) => ({ value: k, label: t(`dunning_settings.task_kinds.${k}`) }));
  const channelOptions = CHANNELS.map((c) => ({ value: c, label: t(`dunning_settings.channels.${c}`) }));
  const toneOptions = TONES.map((c) => ({ value: c, label: t(`dunning_settings.tones.${c}`) }));
  const dirty = name !== sequence.name || JSON.stringify(rows) !== JSON.stringify(rowsOf(sequence));

  return (
    <Paper withBorder p="md" radius="md" data-testid="sequence-card">
      <form onSubmit={submit} noValidate>
        <Group justify="space-between" align="flex-start" mb="sm" gap="sm">
          <Stack gap={4}>
            <Title order={2} size="h4">
              {sequence.name}
            </Title>
            <Group gap={6}>
              {sequence.default_for && (
                <Badge variant="light" color="teal">
                  {t(`dunning_settings.default_${sequence.default_for}`)}
                </Badge>
              )}
              {sequence.clients_count > 0 && (
                <Badge variant="light" color="gray">
                  {t("dunning_settings.clients_count", { count: sequence.clients_count })}
                </Badge>
              )}
            </Group>
          </Stack>
          {canEdit && (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={onDuplicate}>
                {t("dunning_settings.duplicate")}
              </Button>
              {sequence.default_for === null && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={remove.isPending}
                  onClick={() => {
                    if (window.confirm(t("dunning_settings.confirm_delete", { name: sequence.name })))
                      remove.mutate();
                  }}
                >
                  {t("dunning_settings.delete")}
                </Button>
              )}
            </Group>
          )}
        </Group>
        {canEdit && (
          <TextInput
            label={t("dunning_settings.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maw={420}
            mb="sm"
          />
        )}
        {failed && (
          <Alert color="red" mb="sm" p="xs" data-testid="sequence-errors">
            <Text size="sm">{t("dunning_settings.errors_below")}</Text>
            {errors.steps && <Text size="sm">{errors.steps}</Text>}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={canEdit ? 1080 : 760}>
          <Table
            fz="sm"
            verticalSpacing={6}
            aria-label={t("dunning_settings.steps_of", { name: sequence.name })}
            data-testid="steps-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={canEdit ? 100 : 70}>{t("dunning_settings.col_offset")}</Table.Th>
                <Table.Th w={canEdit ? 150 : undefined}>{t("dunning_settings.col_channel")}</Table.Th>
                <Table.Th>{t("dunning_settings.col_label")}</Table.Th>
                <Table.Th w={canEdit ? 250 : undefined}>{t("dunning_settings.col_content")}</Table.Th>
                <Table.Th w={canEdit ? 110 : undefined}>{t("dunning_settings.col_tone")}</Table.Th>
                <Table.Th w={80} ta="center">
                  {t("dunning_settings.col_approval")}
                </Table.Th>
                <Table.Th w={80} ta="center">
                  {t("dunning_settings.col_never_skip")}
                </Table.Th>
                {canEdit && <Table.Th w={100}>{t("dunning_settings.col_actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => {
                const n = i + 1;
                const at = (field: string) => errors[`steps.${i}.${field}`];
                const message = MESSAGE_CHANNELS.has(row.channel);
                const content = message ? row.template_key : row.task_kind;
                if (!canEdit) {
                  return (
                    <Table.Tr key={row.key} data-testid="step-row">
                      <Table.Td style={{ whiteSpace: "nowrap" }} fw={600}>
                        {typeof row.offset === "number" ? offsetLabel(row.offset, lang) : row.offset}
                      </Table.Td>
                      <Table.Td>{t(`dunning_settings.channels.${row.channel}`)}</Table.Td>
                      <Table.Td>{row.label}</Table.Td>
                      <Table.Td>
                        {message && row.template_key ? (
                          <Anchor
                            component={Link}
                            size="sm"
                            to={`/settings/dunning/templates/${encodeURIComponent(row.template_key)}/${lang}`}
                          >
                            {templateName(row.template_key)}
                          </Anchor>
                        ) : content && (TASK_KINDS as readonly string[]).includes(content) ? (
                          t(`dunning_settings.task_kinds.${content as "call"}`)
                        ) : (
                          "—"
                        )}
                      </Table.Td>
                      <Table.Td>{t(`dunning_settings.tones.${row.tone}`)}</Table.Td>
                      <Table.Td ta="center">
                        {row.requires_approval ? t("dunning_settings.yes") : t("dunning_settings.no")}
                      </Table.Td>
                      <Table.Td ta="center">
                        {row.never_skip ? t("dunning_settings.yes") : t("dunning_settings.no")}
                      </Table.Td>
                    </Table.Tr>
                  );
                }
                const rowErrors = FIELDS.flatMap(([field, column]) => {
                  const message = at(field);
                  return message ? [`${t(`dunning_settings.${column}`)} : ${message}`] : [];
                });
                return (
                  <Fragment key={row.key}>
                    <Table.Tr data-testid="step-row" style={{ verticalAlign: "top" }}>
                      <Table.Td>
                        <NumberInput
                          size="xs"
                          aria-label={t("dunning_settings.offset_of", { n })}
                          value={row.offset}
                          onChange={(v) => change(i, { offset: v })}
                          allowDecimal={false}
                          min={-30}
                          max={365}
                          clampBehavior="none"
                          leftSection={<Text size="xs">{lang === "en" ? "D" : "J"}</Text>}
                          error={Boolean(at("offset_days"))}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          aria-label={t("dunning_settings.channel_of", { n })}
                          data={channelOptions}
                          value={row.channel}
                          allowDeselect={false}
                          onChange={(v) => {
                            if (!v) return;
                            const channel = v as Channel;
                            const toMessage = MESSAGE_CHANNELS.has(channel);
                            change(i, {
                              channel,
                              template_key: toMessage ? row.template_key : null,
                              task_kind: toMessage
                                ? null
                                : (row.task_kind ?? (channel === "call" ? "call" : null)),
                            });
                          }}
                          error={Boolean(at("channel"))}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          aria-label={t("dunning_settings.label_of", { n })}
                          value={row.label}
                          onChange={(e) => change(i, { label: e.currentTarget.value })}
                          error={Boolean(at("label"))}
                        />
                      </Table.Td>
                      <Table.Td>
                        {message ? (
                          <Stack gap={2}>
                            <Select
                              size="xs"
                              aria-label={t("dunning_settings.template_of", { n })}
                              data={templateOptions}
                              value={row.template_key}
                              onChange={(v) => change(i, { template_key: v })}
                              error={Boolean(at("template_key"))}
                            />
                            {row.template_key && (
                              <Anchor
                                component={Link}
                                size="xs"
                                to={`/settings/dunning/templates/${encodeURIComponent(row.template_key)}/${lang}`}
                              >
                                {t("dunning_settings.edit_template")}
                              </Anchor>
                            )}
                          </Stack>
                        ) : (
                          <Select
                            size="xs"
                            aria-label={t("dunning_settings.task_of", { n })}
                            data={taskOptions}
                            value={row.task_kind}
                            onChange={(v) => change(i, { task_kind: v })}
                            error={Boolean(at("task_kind"))}
                          />
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          aria-label={t("dunning_settings.tone_of", { n })}
                          data={toneOptions}
                          value={row.tone}
                          allowDeselect={false}
                          onChange={(v) => v && change(i, { tone: v as Tone })}
                          error={Boolean(at("tone"))}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Group justify="center" pt={6}>
                          <Checkbox
                            aria-label={t("dunning_settings.approval_of", { n })}
                            checked={row.requires_approval}
                            onChange={(e) => change(i, { requires_approval: e.currentTarget.checked })}
                          />
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group justify="center" pt={6}>
                          <Checkbox
                            aria-label={t("dunning_settings.never_skip_of", { n })}
                            checked={row.never_skip}
                            onChange={(e) => change(i, { never_skip: e.currentTarget.checked })}
                          />
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <ActionIcon
                            variant="subtle"
                            aria-label={t("dunning_settings.up_of", { n })}
                            disabled={i === 0}
                            onClick={() => move(i, -1)}
                          >
                            ↑
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t("dunning_settings.down_of", { n })}
                            disabled={i === rows.length - 1}
                            onClick={() => move(i, 1)}
                          >
                            ↓
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t("dunning_settings.remove_of", { n })}
                            disabled={rows.length <= 1}
                            onClick={() => {
                              setRows((prev) => prev.filter((_, j) => j !== i));
                              setErrors({});
                            }}
                          >
                            ×
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {rowErrors.length > 0 && (
                      <Table.Tr data-testid="step-errors">
                        <Table.Td colSpan={8} pt={0}>
                          {rowErrors.map((m) => (
                            <Text key={m} size="xs" c="red">
                              {t("dunning_settings.step_n", { n })} — {m}
                            </Text>
                          ))}
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canEdit && (
          <Group justify="space-between" mt="sm">
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={addStep} disabled={rows.length >= MAX_STEPS}>
                {t("dunning_settings.add_step")}
              </Button>
              <Text size="xs" c="dimmed">
                {t("dunning_settings.offset_hint")}
              </Text>
            </Group>
            <Group gap="xs">
              <Button
                variant="default"
                disabled={!dirty}
                onClick={() => {
                  setName(sequence.name);
                  setRows(rowsOf(sequence));
                  setErrors({});
                  setFailed(false);
                }}
              >
                {t("dunning_settings.undo")}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!dirty}>
                {t("dunning_settings.save")}
              </Button>
            </Group>
          </Group>
        )}
      </form>
    </Paper>
  );
}

function NewSequenceModal({
  sequences,
  initialSource,
  onClose,
}: {
  sequences: Sequence[];
  initialSource: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [source, setSource] = useState(initialSource);
  const sourceName = (s: string) => sequences.find((q) => `copy:${q.id}` === s)?.name ?? "";
  const [name, setName] = useState(() => t("dunning_settings.copy_of", { name: sourceName(initialSource) }));
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = useMutation({
    mutationFn: () => {
      const [kind, value = ""] = source.split(":");
      return createSequence(
        kind === "seed"
          ? { name: name.trim(), seed: value === "consumer" ? "consumer" : "business" }
          : { name: name.trim(), copy_of: value },
      );
    },
    onSuccess: async () => {
      notifySuccess(t("dunning_settings.created"));
      await queryClient.invalidateQueries({ queryKey: ["dunning", "sequences"] });
      onClose();
    },
    onError: (e) => reportError(e, t, { paths: { name: "name" }, setErrors }),
  });

  const options = [
    ...sequences.map((q) => ({
      value: `copy:${q.id}`,
      label: t("dunning_settings.source_sequence", { name: q.name }),
    })),
    { value: "seed:business", label: t("dunning_settings.source_seed_business") },
    { value: "seed:consumer", label: t("dunning_settings.source_seed_consumer") },
  ];

  return (
    <Modal opened onClose={onClose} title={t("dunning_settings.new_sequence")}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() === "") {
            setErrors({ name: t("validation.required") });
            return;
          }
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Select
            label={t("dunning_settings.source")}
            data={options}
            value={source}
            allowDeselect={false}
            onChange={(v) => v && setSource(v)}
          />
          <TextInput
            label={t("dunning_settings.name")}
            value={name}
            required
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("dunning_settings.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Every template, French and English: changed or default, each a link to its editor. */
function TemplatesList() {
  const { t } = useTranslation();
  const templateName = useTemplateName();
  const query = useQuery({ queryKey: ["dunning", "templates"], queryFn: listTemplates });
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb={4}>
        {t("dunning_settings.templates")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("dunning_settings.templates_help")}
      </Text>
      <QueryState query={query}>
        {(page) => {
          const byKey = new Map<string, TemplateSummary>(
            page.data.map((tp) => [`${tp.key}:${tp.locale}`, tp]),
          );
          return (
            <Table.ScrollContainer minWidth={560}>
              <Table fz="sm" verticalSpacing={6} data-testid="templates-table">
                <Table.Tbody>
                  {[...TEMPLATE_KEYS, ...PLAN_TEMPLATE_KEYS, ...QUOTE_TEMPLATE_KEYS].map((key) => (
                    <Fragment key={key}>
                      {key === PLAN_TEMPLATE_KEYS[0] && (
                        <Table.Tr>
                          <Table.Th colSpan={3} pt="md">
                            {t("dunning_settings.plan_templates")}
                          </Table.Th>
                        </Table.Tr>
                      )}
                      {key === QUOTE_TEMPLATE_KEYS[0] && (
                        <Table.Tr>
                          <Table.Th colSpan={3} pt="md">
                            {t("dunning_settings.quote_templates")}
                          </Table.Th>
                        </Table.Tr>
                      )}
                      <Table.Tr>
                        <Table.Td>{templateName(key)}</Table.Td>
                        {(["fr", "en"] as const).map((locale) => {
                          const tp = byKey.get(`${key}:${locale}`);
                          return (
                            <Table.Td key={locale}>
                              <Group gap={6} wrap="nowrap">
                                <Anchor
                                  component={Link}
                                  to={`/settings/dunning/templates/${encodeURIComponent(key)}/${locale}`}
                                  aria-label={`${templateName(key)} (${t(`dunning_settings.locales.${locale}`)})`}
                                >
                                  {t(`dunning_settings.locales.${locale}`)}
                                </Anchor>
                                {tp?.custom && (
                                  <Badge size="xs" variant="light" color="orange">
                                    {t("dunning_settings.template_custom")}
                                  </Badge>
                                )}
                              </Group>
                            </Table.Td>
                          );
                        })}
                      </Table.Tr>
                    </Fragment>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </QueryState>
    </Paper>
  );
}

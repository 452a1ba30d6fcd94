import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../api/client";
import {
  getTemplate,
  isTemplateKey,
  previewTemplate,
  resetTemplate,
  saveTemplate,
  type Template,
  type TemplateLocale,
  type TemplateParts,
  type TemplateProblem,
} from "../api/dunning-settings";
import { notifySuccess, reportError } from "../components/errors";
import { PageTitle } from "../components/PageTitle";
import { QueryState } from "../components/QueryState";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { useTemplateName } from "./DunningSettings";
import NotFoundPage from "./NotFound";
import { templateVariables } from "./template-variables";

export default function DunningTemplatePage() {
  const { key = "", locale = "" } = useParams();
  if (!isTemplateKey(key) || (locale !== "fr" && locale !== "en")) return <NotFoundPage />;
  return <TemplatePage templateKey={key} locale={locale} />;
}

function TemplatePage({ templateKey, locale }: { templateKey: string; locale: TemplateLocale }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const templateName = useTemplateName();
  const name = `${templateName(templateKey)} (${t(`dunning_settings.locales.${locale}`)})`;
  const query = useQuery({
    queryKey: ["dunning", "template", templateKey, locale],
    queryFn: () => getTemplate(templateKey, locale),
  });
  return (
    <>
      <PageTitle title={t("dunning_settings.editor_title", { name })}>
        <SegmentedControl
          aria-label={t("layout.language")}
          value={locale}
          onChange={(v) => navigate(`/settings/dunning/templates/${encodeURIComponent(templateKey)}/${v}`)}
          data={[
            { value: "fr", label: t("dunning_settings.locales.fr") },
            { value: "en", label: t("dunning_settings.locales.en") },
          ]}
        />
      </PageTitle>
      <Stack gap="md">
        <Anchor component={Link} to="/settings/dunning" size="sm">
          ← {t("dunning_settings.editor_back")}
        </Anchor>
        <QueryState query={query}>
          {(template) => (
            <Editor key={`${template.key}:${template.locale}:${template.updated_at}`} template={template} />
          )}
        </QueryState>
      </Stack>
    </>
  );
}

function Editor({ template }: { template: Template }) {
  const { t } = useTranslation();
  const canEdit = useCan("dunning");
  const [parts, setParts] = useState<TemplateParts>({
    subject: template.subject,
    text: template.text,
    html: template.html,
  });
  const [saveProblems, setSaveProblems] = useState<TemplateProblem[]>([]);
  const [showVariables, setShowVariables] = useState(false);
  const [debounced] = useDebouncedValue(JSON.stringify(parts), 400);
  const preview = useQuery({
    queryKey: ["dunning", "preview", template.locale, debounced],
    queryFn: ({ signal }) =>
      previewTemplate({ ...(JSON.parse(debounced) as TemplateParts), locale: template.locale }, signal),
    placeholderData: keepPreviousData,
  });
  const current = JSON.stringify(parts) === debounced;
  // The live check of what is typed; after a refused save, the server's answer until the next change.
  const problems = saveProblems.length > 0 ? saveProblems : current ? (preview.data?.problems ?? []) : [];
  const firstOf = (part: TemplateProblem["path"]) => problems.find((p) => p.path === part)?.message;

  const save = useMutation({
    mutationFn: () => saveTemplate(template.key, template.locale, parts),
    onSuccess: async (saved) => {
      setSaveProblems([]);
      notifySuccess(t("dunning_settings.template_saved"));
      queryClient.setQueryData(["dunning", "template", saved.key, saved.locale], saved);
      await queryClient.invalidateQueries({ queryKey: ["dunning", "templates"] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400 && Array.isArray(e.details)) {
        setSaveProblems(e.details as TemplateProblem[]);
        return;
      }
      reportError(e, t);
    },
  });

  const reset = useMutation({
    mutationFn: () => resetTemplate(template.key, template.locale),
    onSuccess: async (restored) => {
      setSaveProblems([]);
      notifySuccess(t("dunning_settings.template_reset"));
      queryClient.setQueryData(["dunning", "template", restored.key, restored.locale], restored);
      await queryClient.invalidateQueries({ queryKey: ["dunning", "templates"] });
    },
    onError: (e) => reportError(e, t),
  });

  function set(part: keyof TemplateParts, value: string) {
    setParts((prev) => ({ ...prev, [part]: value }));
    setSaveProblems([]);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }

  const mono = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: 12 };
  const partLabel = (p: TemplateProblem["path"]) => t(`dunning_settings.part_${p}`);

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Group justify="space-between">
                <Badge variant="light" color={template.custom ? "orange" : "gray"}>
                  {template.custom
                    ? t("dunning_settings.template_custom")
                    : t("dunning_settings.template_default")}
                </Badge>
                <Button size="compact-xs" variant="subtle" onClick={() => setShowVariables((v) => !v)}>
                  {showVariables ? t("dunning_settings.hide_variables") : t("dunning_settings.variables")}
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                {t("dunning_settings.editor_help")}
              </Text>
              {showVariables && (
                <Text size="xs" style={{ ...mono, lineHeight: 1.6 }} data-testid="template-variables">
                  {templateVariables(template.key).join(" · ")}
                </Text>
              )}
              <TextInput
                label={t("dunning_settings.subject")}
                value={parts.subject}
                onChange={(e) => set("subject", e.currentTarget.value)}
                error={firstOf("subject")}
                readOnly={!canEdit}
                styles={{ input: mono }}
              />
              <Textarea
                label={t("dunning_settings.text")}
                value={parts.text}
                onChange={(e) => set("text", e.currentTarget.value)}
                error={firstOf("text")}
                readOnly={!canEdit}
                autosize
                minRows={8}
                maxRows={20}
                styles={{ input: mono }}
              />
              <Textarea
                label={t("dunning_settings.html")}
                value={parts.html}
                onChange={(e) => set("html", e.currentTarget.value)}
                error={firstOf("html")}
                readOnly={!canEdit}
                autosize
                minRows={8}
                maxRows={20}
                styles={{ input: mono }}
              />
              {problems.length > 0 && (
                <Alert color="red" title={t("dunning_settings.problems")} data-testid="template-problems">
                  <Stack gap={2}>
                    {saveProblems.length > 0 && (
                      <Text size="sm">{t("dunning_settings.template_refused")}</Text>
                    )}
                    {problems.map((p) => (
                      <Text key={`${p.path}:${p.line}:${p.column}:${p.message}`} size="sm">
                        {partLabel(p.path)} — {p.message}
                      </Text>
                    ))}
                  </Stack>
                </Alert>
              )}
              {canEdit && (
                <Group justify="space-between">
                  {template.custom ? (
                    <Button
                      variant="subtle"
                      color="red"
                      loading={reset.isPending}
                      onClick={() => {
                        if (window.confirm(t("dunning_settings.confirm_reset"))) reset.mutate();
                      }}
                    >
                      {t("dunning_settings.reset")}
                    </Button>
                  ) : (
                    <span />
                  )}
                  <Button type="submit" loading={save.isPending}>
                    {t("dunning_settings.save_template")}
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md" radius="md" data-testid="template-preview">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t("dunning_settings.preview")}
            </Title>
            {(preview.isFetching || !current) && (
              <Loader size="xs" aria-label={t("dunning_settings.previewing")} />
            )}
          </Group>
          {preview.data && (
            <Stack gap="xs">
              <Text size="sm">
                <Text span fw={600} size="sm">
                  {t("dunning_settings.preview_subject")}{" "}
                </Text>
                <span data-testid="preview-subject">{preview.data.subject}</span>
              </Text>
              <Tabs defaultValue="html" keepMounted>
                <Tabs.List>
                  <Tabs.Tab value="html">{t("dunning_settings.preview_html")}</Tabs.Tab>
                  <Tabs.Tab value="text">{t("dunning_settings.preview_text")}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="html" pt="xs">
                  <Box
                    component="iframe"
                    sandbox=""
                    srcDoc={preview.data.html}
                    title={t("dunning_settings.preview_frame")}
                    data-testid="preview-frame"
                    style={{
                      width: "100%",
                      height: 640,
                      border: "1px solid var(--mantine-color-gray-3)",
                      borderRadius: 4,
                      background: "white",
                    }}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="text" pt="xs">
                  <Box
                    component="pre"
                    data-testid="preview-text"
                    style={{ ...mono, whiteSpace: "pre-wrap", margin: 0, maxHeight: 640, overflow: "auto" }}
                  >
                    {preview.data.text}
                  </Box>
                </Tabs.Panel>
              </Tabs>
            </Stack>
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

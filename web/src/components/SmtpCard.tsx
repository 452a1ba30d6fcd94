import { Alert, Badge, Button, Code, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { getMailSettings, type MailSettings, setMailSettings } from "../api/dunning";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { QueryState } from "./QueryState";

const KEY = ["dunning", "smtp"] as const;
const SOURCE_COLORS = { environment: "indigo", organization: "teal", none: "gray" } as const;

/**
 * "Envoi des e-mails": the SMTP server reminders go through. Set by the environment (read-only here), by the
 * organization (owners change or remove it) or none (messages stay in Relance's outbox). Managers see it.
 */
export function SmtpCard() {
  const { t } = useTranslation();
  const canSee = useCan("dunning");
  const query = useQuery({ queryKey: KEY, queryFn: getMailSettings, enabled: canSee });
  if (!canSee) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="smtp-card">
      <Title order={2} size="h4" mb="sm">
        {t("dunning.smtp.title")}
      </Title>
      <QueryState query={query}>{(settings) => <SmtpSettings settings={settings} />}</QueryState>
    </Paper>
  );
}

function SmtpSettings({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation();
  const canEdit = useCan("organization") && settings.source !== "environment";
  const [url, setUrl] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function save(next: string | null) {
    setBusy(true);
    setErrors({});
    try {
      const saved = await setMailSettings(next);
      queryClient.setQueryData(KEY, saved);
      setUrl("");
      notifySuccess(next === null ? t("dunning.smtp.removed") : t("dunning.smtp.saved"));
    } catch (err) {
      reportError(err, t, { paths: { url: "url" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!/^smtps?:\/\/\S+$/i.test(url.trim())) {
      setErrors({ url: t("dunning.smtp.url_invalid") });
      return;
    }
    void save(url.trim());
  }

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge color={SOURCE_COLORS[settings.source]} variant="light" data-testid="smtp-source">
          {t(`dunning.smtp.source_${settings.source}`)}
        </Badge>
        {settings.url && <Code data-testid="smtp-url">{settings.url}</Code>}
      </Group>
      {settings.source === "environment" && (
        <Text size="sm" c="dimmed">
          {t("dunning.smtp.environment")}
        </Text>
      )}
      {settings.source === "organization" && (
        <Text size="sm" c="dimmed">
          {t("dunning.smtp.organization")}
        </Text>
      )}
      {settings.source === "none" && (
        <Alert color="gray" p="xs">
          <Text size="sm">{t("dunning.smtp.none")}</Text>
        </Alert>
      )}
      {canEdit && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <TextInput
              label={t("dunning.smtp.url")}
              description={t("dunning.smtp.url_help")}
              placeholder={t("dunning.smtp.url_placeholder")}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={errors.url}
              autoComplete="off"
              spellCheck={false}
            />
            <Group justify="flex-end" gap="xs">
              {settings.source === "organization" && (
                <Button variant="subtle" color="red" size="xs" loading={busy} onClick={() => void save(null)}>
                  {t("dunning.smtp.remove")}
                </Button>
              )}
              <Button type="submit" size="xs" loading={busy}>
                {t("dunning.smtp.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {!canEdit && settings.source !== "environment" && (
        <Text size="xs" c="dimmed">
          {t("dunning.smtp.owner_only")}
        </Text>
      )}
    </Stack>
  );
}

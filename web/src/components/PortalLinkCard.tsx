import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { createPortalLink, getPortalLink, revokePortalLink } from "../api/portal";
import { formatDate, formatTimestamp } from "../format";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { notifySuccess, reportError } from "./errors";
import { useLang } from "./useLang";

/**
 * The client portal card of the client page: the link in force (its dates, never its token), create a new one
 * (its URL shown once, to copy), revoke it. docs/portal.md.
 */
export function PortalLinkCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const canEdit = useCan("clients");
  const query = useQuery({ queryKey: ["portal-link", clientId], queryFn: () => getPortalLink(clientId) });
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const link = query.data?.link ?? null;

  async function create() {
    setBusy(true);
    try {
      const created = await createPortalLink(clientId);
      setUrl(created.url);
      notifySuccess(t("portal.card_created"));
      await queryClient.invalidateQueries({ queryKey: ["portal-link", clientId] });
      await queryClient.invalidateQueries({ queryKey: ["actions"] });
    } catch (err) {
      reportError(err, t);
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    setBusy(true);
    try {
      await revokePortalLink(clientId);
      setUrl(null);
      notifySuccess(t("portal.card_revoked"));
      await queryClient.invalidateQueries({ queryKey: ["portal-link", clientId] });
      await queryClient.invalidateQueries({ queryKey: ["actions"] });
    } catch (err) {
      reportError(err, t);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid="portal-card">
      <Title order={2} size="h4" mb={4}>
        {t("portal.card_title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("portal.card_help")}
      </Text>
      <Stack gap="xs">
        {link ? (
          <Text size="sm" data-testid="portal-card-state">
            {t("portal.card_active", { date: formatDate(link.expires_at) })}{" "}
            {link.last_seen_at
              ? t("portal.card_seen", { date: formatTimestamp(link.last_seen_at, lang) })
              : t("portal.card_never_seen")}
          </Text>
        ) : (
          query.isSuccess && (
            <Text size="sm" c="dimmed" data-testid="portal-card-state">
              {t("portal.card_none")}
            </Text>
          )
        )}
        {url && (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t("portal.card_url")}
              description={t("portal.card_url_help")}
              value={url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              style={{ flex: 1 }}
              data-testid="portal-card-url"
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? "teal" : "blue"} onClick={copy}>
                  {copied ? t("portal.card_copied") : t("portal.card_copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        {canEdit && (
          <Group gap="xs">
            <Button
              size="xs"
              onClick={() => void create()}
              loading={busy}
              title={link ? t("portal.card_recreate_help") : undefined}
            >
              {link ? t("portal.card_recreate") : t("portal.card_create")}
            </Button>
            {link && (
              <Button size="xs" variant="subtle" color="red" onClick={() => void revoke()} disabled={busy}>
                {t("portal.card_revoke")}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

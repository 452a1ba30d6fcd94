import { Anchor, Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { EvidenceItem, EvidenceStatus, LitigationView } from "../api/recovery";

const COLOR: Record<EvidenceStatus, string> = { present: "teal", incomplete: "orange", missing: "red" };
const MARK: Record<EvidenceStatus, string> = { present: "✓", incomplete: "!", missing: "✗" };

/** Where to fix a missing piece: the client's documents, or the outbox for the registered letter's receipt. */
function FixLink({ item, clientId }: { item: EvidenceItem; clientId: string }) {
  const { t } = useTranslation();
  if (item.status === "present") return null;
  if (item.key === "agreement" || item.key === "delivery")
    return (
      <Anchor component={Link} to={`/clients/${encodeURIComponent(clientId)}`} size="xs">
        {t("recovery.evidence.add_documents")}
      </Anchor>
    );
  if (item.key === "formal_notice" && item.status === "incomplete")
    return (
      <Anchor component={Link} to="/outbox" size="xs">
        {t("recovery.evidence.open_outbox")}
      </Anchor>
    );
  return null;
}

function EvidenceRow({ item, clientId }: { item: EvidenceItem; clientId: string }) {
  const { t } = useTranslation();
  const flagged = item.status !== "present";
  const color = COLOR[item.status];
  return (
    <Paper
      p="xs"
      radius="sm"
      bg={flagged ? `${color}.0` : undefined}
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}
      data-testid="evidence-item"
      data-status={item.status}
    >
      <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap={6} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <Text fw={700} c={`${color}.8`} aria-hidden="true" w={14} ta="center">
            {MARK[item.status]}
          </Text>
          <Text fw={600} size="sm">
            {item.label}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {item.importance === "required" && (
            <Badge size="xs" variant="outline" color="dark" tt="none">
              {t("recovery.evidence.importance.required")}
            </Badge>
          )}
          <Badge size="sm" color={color} variant={flagged ? "filled" : "light"} tt="none">
            {t(`recovery.evidence.status.${item.status}`)}
          </Badge>
        </Group>
      </Group>
      <Stack gap={2} pl={20} mt={2}>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {item.detail}
        </Text>
        {flagged && (
          <Text size="xs" c="dark.4" data-testid="evidence-why">
            <Text span fw={600} inherit>
              {t("recovery.evidence.why")}
            </Text>{" "}
            {item.why}
          </Text>
        )}
        <FixLink item={item} clientId={clientId} />
      </Stack>
    </Paper>
  );
}

/** The checklist of pieces for the bordereau: what is there, what is missing or incomplete and why it matters. */
export function RecoveryEvidence({ view }: { view: LitigationView }) {
  const { t } = useTranslation();
  const missing = view.evidence.filter((i) => i.status !== "present").length;
  return (
    <Paper withBorder p="md" radius="md" data-testid="recovery-evidence">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h4">
          {t("recovery.evidence.title")}
        </Title>
        <Text size="sm" fw={600} c={missing > 0 ? "red.7" : "teal.8"} data-testid="evidence-summary">
          {missing > 0
            ? t("recovery.evidence.summary", { count: missing })
            : t("recovery.evidence.summary_ok")}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t("recovery.evidence.help")}
      </Text>
      <Stack gap="xs">
        {view.evidence.map((item) => (
          <EvidenceRow key={item.key} item={item} clientId={view.client.id} />
        ))}
      </Stack>
    </Paper>
  );
}

import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Eligibility, LitigationView } from "../api/recovery";

/** The badge of a procedure: possible or not; for the lawyer, required or not (there "eligible" means required). */
function Verdict({ p }: { p: Eligibility }) {
  const { t } = useTranslation();
  if (p.procedure === "lawyer_required")
    return (
      <Badge color={p.eligible ? "orange" : "gray"} variant="light" tt="none">
        {p.eligible ? t("recovery.eligibility.lawyer_yes") : t("recovery.eligibility.lawyer_no")}
      </Badge>
    );
  return (
    <Badge color={p.eligible ? "teal" : "gray"} variant={p.eligible ? "filled" : "light"} tt="none">
      {p.eligible ? t("recovery.eligibility.yes") : t("recovery.eligibility.no")}
    </Badge>
  );
}

/** The law engine's verdict on each procedure (core/law/eligibility.ts), with its reason and notes. */
export function RecoveryEligibility({ view }: { view: LitigationView }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" data-testid="recovery-eligibility">
      <Title order={2} size="h4" mb="sm">
        {t("recovery.eligibility.title")}
      </Title>
      <Stack gap="sm">
        {view.procedures.map((p) => (
          <div key={p.procedure} data-testid={`eligibility-${p.procedure}`}>
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text
                fw={600}
                size="sm"
                c={p.eligible || p.procedure === "lawyer_required" ? undefined : "dimmed"}
              >
                {t(`recovery.eligibility.procedures.${p.procedure}`)}
              </Text>
              <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                {p.cerfa && p.eligible && (
                  <Badge size="sm" variant="outline" color="gray" tt="none">
                    {t("recovery.eligibility.cerfa", { cerfa: p.cerfa })}
                  </Badge>
                )}
                <Verdict p={p} />
              </Group>
            </Group>
            <Text size="xs" c="dimmed" mt={2}>
              {p.reason.message}
            </Text>
            {p.notes.map((n) => (
              <Text key={n.code} size="xs" c="orange.9" mt={2}>
                {n.message}
              </Text>
            ))}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

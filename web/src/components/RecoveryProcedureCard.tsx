import { Alert, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DEADLINES, type RecoveryProcedure, STEP_DATES } from "../api/recovery";
import { formatDate, formatMoney } from "../format";
import { RecoveryProcedureForm } from "./RecoveryProcedureForm";
import { useLang } from "./useLang";

const STATUS_COLOR: Record<string, string> = {
  draft: "gray",
  sent: "blue",
  invited: "blue",
  filed: "blue",
  order: "indigo",
  served: "orange",
  accepted: "teal",
  title: "green",
  opposition_over: "teal",
  enforceable: "green",
  refused: "red",
  refused_silence: "red",
  lapsed: "red",
  mandated: "indigo",
};

/** "Requête déposée" from the server's "requête déposée": the label starts a badge. */
function capitalized(s: string): string {
  return s.charAt(0).toLocaleUpperCase("fr-FR") + s.slice(1);
}

/** Who or where: the court of an injonction de payer, the commissaire de justice or the lawyer instructed. */
function whoOf(p: RecoveryProcedure): string | null {
  if (p.kind === "injunction") return p.court_name;
  return [p.mandatee_name, p.mandatee_firm, p.mandatee_email].filter(Boolean).join(" · ") || null;
}

/** The form's key: a procedure changed elsewhere (or saved, then normalised by the server) starts it afresh. */
function versionOf(p: RecoveryProcedure): string {
  return JSON.stringify([
    ...STEP_DATES[p.kind].map((k) => p[k]),
    p.court_name,
    p.court_address,
    p.mandatee_name,
    p.mandatee_firm,
    p.mandatee_email,
    p.fees_cents,
    p.outcome,
    p.notes,
  ]);
}

/** One procedure: its status, next deadline and computed deadlines; its dates as a form while the case is open. */
export function RecoveryProcedureCard({
  procedure: p,
  editable,
}: {
  procedure: RecoveryProcedure;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const who = whoOf(p);
  const deadlines = DEADLINES[p.kind].filter((k) => p[k]);
  const dates = STEP_DATES[p.kind].filter((k) => p[k]);
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="procedure" data-kind={p.kind}>
      <Group justify="space-between" align="flex-start" gap="xs" mb={4}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={700}>{t(`recovery.kinds.${p.kind}`)}</Text>
            <Badge
              color={STATUS_COLOR[p.status] ?? "gray"}
              variant="light"
              tt="none"
              data-testid="procedure-status"
            >
              {capitalized(p.status_label)}
            </Badge>
          </Group>
          {who && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }} data-testid="procedure-who">
              {who}
            </Text>
          )}
        </Stack>
        {p.fees_cents > 0 && (
          <Text size="sm">
            {t("recovery.fields.fees")} : {formatMoney(p.fees_cents, lang)}
          </Text>
        )}
      </Group>
      {p.next && (
        <Alert color="orange" p="xs" my={6} data-testid="procedure-next">
          <Text size="sm">
            <Text span fw={600} inherit>
              {t("recovery.next")} :
            </Text>{" "}
            {p.next.message}
          </Text>
        </Alert>
      )}
      {deadlines.length > 0 && (
        <Text size="xs" c="dimmed" mb={6} data-testid="procedure-deadlines">
          {t("recovery.deadlines")} :{" "}
          {deadlines.map((k) => `${t(`recovery.dates.${k}`)} ${formatDate(p[k])}`).join(" · ")}
        </Text>
      )}
      {editable ? (
        <RecoveryProcedureForm key={versionOf(p)} procedure={p} />
      ) : (
        <Stack gap={2}>
          {dates.map((k) => (
            <Text key={k} size="sm">
              {t(`recovery.dates.${k}`)} : {formatDate(p[k])}
            </Text>
          ))}
          {p.outcome && (
            <Text size="sm">
              {t("recovery.fields.outcome")} : {p.outcome}
            </Text>
          )}
          {p.notes && (
            <Text size="sm" className="pre-wrap">
              {p.notes}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}

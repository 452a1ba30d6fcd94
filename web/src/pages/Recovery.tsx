import { Alert, Anchor, Breadcrumbs, Button, Grid, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  casesKey,
  getLitigation,
  type LitigationView,
  listCases,
  litigationKey,
  openCase,
} from "../api/recovery";
import { notifySuccess, reportError } from "../components/errors";
import { PageTitle } from "../components/PageTitle";
import { QueryState } from "../components/QueryState";
import { RecoveryAmounts } from "../components/RecoveryAmounts";
import { RecoveryCaseCard } from "../components/RecoveryCaseCard";
import { RecoveryCourt } from "../components/RecoveryCourt";
import { RecoveryEligibility } from "../components/RecoveryEligibility";
import { RecoveryEvidence } from "../components/RecoveryEvidence";
import { RecoveryInvoices } from "../components/RecoveryInvoices";
import { refreshRecovery } from "../components/recovery-refresh";
import { formatDate } from "../format";
import { useCan } from "../session";

/** "Contentieux": a client's litigation view, its open recovery case and its closed ones (docs/recovery.md). */
export default function RecoveryPage() {
  const { id = "" } = useParams();
  const query = useQuery({ queryKey: litigationKey(id), queryFn: () => getLitigation(id) });
  return <QueryState query={query}>{(view) => <RecoveryView view={view} />}</QueryState>;
}

/** Why no case can be opened, or the button that opens one. */
function OpenCase({ view }: { view: LitigationView }) {
  const { t } = useTranslation();
  const canEdit = useCan("dunning");
  const [busy, setBusy] = useState(false);
  if (view.refusal) {
    return (
      <Alert color="red" title={t("recovery.refusal_title")} data-testid="recovery-refusal">
        <Text size="sm">{view.refusal.message}</Text>
      </Alert>
    );
  }
  if (!canEdit) {
    return (
      <Text size="sm" c="dimmed">
        {t("recovery.read_only")}
      </Text>
    );
  }
  async function open() {
    setBusy(true);
    try {
      await openCase(view.client.id);
      notifySuccess(t("recovery.opened"));
      await refreshRecovery();
    } catch (err) {
      reportError(err, t);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Paper withBorder p="md" radius="md" data-testid="recovery-open">
      <Group justify="space-between" gap="sm">
        <Text size="sm" maw={720}>
          {t("recovery.open_help")}
        </Text>
        <Button loading={busy} onClick={() => void open()} data-testid="recovery-open-case">
          {t("recovery.open")}
        </Button>
      </Group>
    </Paper>
  );
}

function RecoveryView({ view }: { view: LitigationView }) {
  const { t } = useTranslation();
  const canEdit = useCan("dunning");
  const clientUrl = `/clients/${encodeURIComponent(view.client.id)}`;
  const cases = useQuery({ queryKey: casesKey(view.client.id), queryFn: () => listCases(view.client.id) });
  const closed = (cases.data?.data ?? []).filter((c) => c.closed_on !== null);
  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs mb="xs" fz="sm">
          <Anchor component={Link} to="/clients">
            {t("clients.title")}
          </Anchor>
          <Anchor component={Link} to={clientUrl} style={{ overflowWrap: "anywhere" }}>
            {view.client.name}
          </Anchor>
          <Text size="sm">{t("recovery.title")}</Text>
        </Breadcrumbs>
        <PageTitle title={t("recovery.page_title", { name: view.client.name })} />
        <Text size="sm" c="dimmed" mt={-8} maw={900}>
          {t("recovery.as_of", { date: formatDate(view.as_of) })} · {t("recovery.help")}
        </Text>
      </div>

      <RecoveryAmounts view={view} />

      {view.open_case_id ? (
        <RecoveryCaseCard key={view.open_case_id} caseId={view.open_case_id} canEdit={canEdit} />
      ) : (
        <OpenCase view={view} />
      )}

      {closed.length > 0 && (
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("recovery.case.closed_cases")}
          </Title>
          {closed.map((c, n) => (
            <RecoveryCaseCard
              key={c.id}
              caseId={c.id}
              canEdit={false}
              compact={n > 0 || Boolean(view.open_case_id)}
            />
          ))}
        </Stack>
      )}

      <RecoveryInvoices view={view} />

      {/* Nothing to claim: no procedure, court or pieces to weigh. */}
      {view.invoices.length > 0 && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <RecoveryEvidence view={view} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="lg">
              <RecoveryEligibility view={view} />
              <RecoveryCourt view={view} />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

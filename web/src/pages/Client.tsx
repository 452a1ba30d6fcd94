import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { type ClientDetail, getClient } from "../api/clients";
import { BillsCard } from "../components/BillsCard";
import { ClientSequenceCard } from "../components/ClientSequenceCard";
import { ClientTermsCard } from "../components/ClientTermsCard";
import { ContactsPanel } from "../components/ContactsPanel";
import { DocumentsPanel } from "../components/DocumentsPanel";
import { HoldCard } from "../components/HoldCard";
import { NewInvoiceButton } from "../components/InvoiceFormModal";
import { InvoiceTable } from "../components/InvoiceTable";
import { PageTitle } from "../components/PageTitle";
import { PlansCard } from "../components/PlansCard";
import { PortalLinkCard } from "../components/PortalLinkCard";
import { QueryState } from "../components/QueryState";
import { QuotesCard } from "../components/QuotesCard";
import { ScoreBadge } from "../components/ScoreBadge";
import { StatCard } from "../components/StatCard";
import { TimelinePanel } from "../components/TimelinePanel";
import { useLang } from "../components/useLang";
import { formatInteger, formatMoney } from "../format";
import { useCan } from "../session";

const KIND_COLORS = { business: "indigo", consumer: "grape", public: "cyan" } as const;

export default function ClientPage() {
  const { id = "" } = useParams();
  const query = useQuery({ queryKey: ["clients", "detail", id], queryFn: () => getClient(id) });
  return <QueryState query={query}>{(client) => <ClientView client={client} />}</QueryState>;
}

function ClientView({ client }: { client: ClientDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const canWrite = useCan("invoices");
  const invoiceQuery = useMemo(() => ({ client_id: client.id }), [client.id]);
  const identity = [
    client.siren ? `SIREN ${client.siren}` : null,
    client.siret ? `SIRET ${client.siret}` : null,
    client.vat_number ? `${t("clients.vat")} ${client.vat_number}` : null,
    [client.address, [client.postal_code, client.city].filter(Boolean).join(" ")]
      .filter(Boolean)
      .join(", ") || null,
  ].filter((s): s is string => Boolean(s));
  const s = client.stats;
  // Whole days: "Retard moyen : 41 jours".
  const averageLate =
    s.average_days_late === null ? null : formatInteger(Math.round(s.average_days_late), lang);

  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs mb="xs" fz="sm">
          <Anchor component={Link} to="/clients">
            {t("clients.title")}
          </Anchor>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {client.name}
          </Text>
        </Breadcrumbs>
        <PageTitle title={client.name}>
          <Badge
            color={KIND_COLORS[client.kind] ?? "gray"}
            variant="light"
            size="lg"
            data-testid="client-kind"
          >
            {t(`kinds.${client.kind}`)}
          </Badge>
          <ScoreBadge score={client.score} size="lg" />
          <Button
            component={Link}
            to={`/clients/${encodeURIComponent(client.id)}/call`}
            variant="light"
            data-testid="prepare-call"
          >
            {t("calls.prepare")}
          </Button>
          <Button
            component={Link}
            to={`/clients/${encodeURIComponent(client.id)}/recovery`}
            variant="default"
            data-testid="open-recovery"
          >
            {t("recovery.open_page")}
          </Button>
        </PageTitle>
        {identity.length > 0 && (
          <Text size="sm" c="dimmed" mt={-8} style={{ overflowWrap: "anywhere" }}>
            {identity.join(" · ")}
          </Text>
        )}
        {client.notes && (
          <Text size="sm" mt="xs" className="pre-wrap">
            {client.notes}
          </Text>
        )}
      </div>

      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label={t("clients.stats.outstanding")} value={formatMoney(s.outstanding_cents, lang)} />
        <StatCard
          label={t("clients.stats.overdue")}
          value={formatMoney(s.overdue_cents, lang)}
          color={s.overdue_cents > 0 ? "red.7" : undefined}
        />
        <StatCard
          label={t("clients.stats.invoices")}
          value={String(s.invoices)}
          hint={t("clients.stats.paid_invoices", { count: s.paid_invoices })}
        />
        <StatCard
          label={t("clients.stats.average_late_label")}
          value={averageLate === null ? "—" : t("common.days", { n: averageLate })}
          hint={
            averageLate === null
              ? t("clients.stats.average_late_none")
              : t("clients.stats.average_late", { n: averageLate })
          }
        />
      </SimpleGrid>

      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t("clients.invoices")}
          </Title>
          {canWrite && <NewInvoiceButton client={{ id: client.id, name: client.name }} size="xs" />}
        </Group>
        <InvoiceTable
          query={invoiceQuery}
          height="420px"
          maxHeight={420}
          hideClient
          empty={
            <Text c="dimmed" size="sm">
              {t("clients.no_invoices")}
            </Text>
          }
        />
      </Paper>

      <PlansCard clientId={client.id} />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <ContactsPanel clientId={client.id} contacts={client.contacts} />
            <ClientTermsCard key={client.updated_at} client={client} />
            <HoldCard
              key={`hold:${client.updated_at}`}
              target={{ clients: client.id }}
              hold={{
                kind: client.hold_kind ?? null,
                until: client.hold_until ?? null,
                reason: client.hold_reason ?? null,
              }}
            />
            <ClientSequenceCard key={`sequence:${client.updated_at}`} client={client} />
            <PortalLinkCard clientId={client.id} />
            <QuotesCard clientId={client.id} />
            {client.kind !== "consumer" && <BillsCard clientId={client.id} />}
            <DocumentsPanel clientId={client.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TimelinePanel clientId={client.id} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

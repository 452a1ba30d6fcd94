import { Alert, Anchor, Group, List, Paper, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getInvoiceCompliance } from "../api/law";
import { errorMessage } from "./errors";
import { useLang } from "./useLang";

/** Shown in full up to this many items; beyond, behind "Voir le détail (N)". */
const SHOWN = 3;

interface Item {
  key: string;
  message: string;
  article: string | null;
  kind: "missing" | "forbidden" | "term";
}

/** The invoice's mandatory mentions (GET /invoices/:id/compliance): what it lacks, must not say, and its term. */
export function ComplianceCard({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  // The messages come worded by the server in the request's language: one cache entry per language.
  const query = useQuery({
    queryKey: ["invoices", "compliance", invoiceId, lang],
    queryFn: () => getInvoiceCompliance(invoiceId),
  });
  const data = query.data;
  const items: Item[] = data
    ? [
        ...data.missing.map((m) => ({
          key: `missing-${m.code}`,
          message: m.message,
          article: m.article,
          kind: "missing" as const,
        })),
        ...data.forbidden.map((m) => ({
          key: `forbidden-${m.code}`,
          message: m.message,
          article: m.article,
          kind: "forbidden" as const,
        })),
        ...(data.term?.warnings ?? []).map((w) => ({
          key: `term-${w.code}`,
          message: w.message,
          article: data.term?.rule?.article ?? null,
          kind: "term" as const,
        })),
      ]
    : [];
  const collapsible = items.length > SHOWN;
  const shown = collapsible && !open ? [] : items;
  // Compliant may still come with term warnings (an unconfirmed cap, say): listed under the green line.
  const ok = data?.compliant === true;

  return (
    <Paper withBorder p="md" radius="md" data-testid="compliance-card">
      <Title order={2} size="h4" mb="sm">
        {t("compliance.title")}
      </Title>
      {query.isPending && <Text size="sm">{t("common.loading")}</Text>}
      {query.isError && (
        <Alert color="yellow" p="xs">
          <Text size="sm">{errorMessage(query.error, t)}</Text>
        </Alert>
      )}
      {ok && (
        <Text size="sm" c="teal.8" fw={600} data-testid="compliance-ok">
          {`✓ ${t("compliance.ok")}`}
        </Text>
      )}
      {data && items.length > 0 && (
        <>
          {!ok && (
            <Text size="sm" c="orange.8" fw={600} data-testid="compliance-summary">
              {t("compliance.summary", { count: items.length })}
            </Text>
          )}
          {shown.length > 0 && (
            <List size="sm" spacing={6} mt="xs" data-testid="compliance-items">
              {shown.map((item) => (
                <List.Item key={item.key} data-kind={item.kind}>
                  <Text size="sm" component="span">
                    {item.kind === "forbidden" ? `${t("compliance.forbidden")} ` : ""}
                    {item.message}
                  </Text>
                  {item.article && (
                    <Text size="xs" c="dimmed">
                      {item.article}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
          {collapsible && (
            <Group mt="xs">
              <Anchor
                component="button"
                type="button"
                size="sm"
                aria-expanded={open}
                onClick={() => setOpen((o) => !o)}
              >
                {open ? t("compliance.hide") : t("compliance.show", { count: items.length })}
              </Anchor>
            </Group>
          )}
        </>
      )}
    </Paper>
  );
}

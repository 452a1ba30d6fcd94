import { SimpleGrid } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { LitigationView } from "../api/recovery";
import { formatMoney } from "../format";
import { StatCard } from "./StatCard";
import { useLang } from "./useLang";

/** What can be claimed today: principal, penalties (B2B) or interest (consumer), the 40 € indemnities, total. */
export function RecoveryAmounts({ view }: { view: LitigationView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const a = view.amounts;
  const consumer = view.client.kind === "consumer";
  const indemnified = view.invoices.filter((i) => i.indemnity_cents > 0).length;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="recovery-amounts">
      <StatCard label={t("recovery.amounts.principal")} value={formatMoney(a.principal_cents, lang)} />
      <StatCard
        label={consumer ? t("recovery.amounts.interest") : t("recovery.amounts.penalties")}
        value={formatMoney(a.interest_cents, lang)}
      />
      <StatCard
        label={t("recovery.amounts.indemnity")}
        value={formatMoney(a.indemnity_cents, lang)}
        hint={
          consumer
            ? t("recovery.amounts.indemnity_none")
            : indemnified > 0
              ? t("recovery.amounts.indemnity_hint", { count: indemnified })
              : undefined
        }
      />
      <StatCard
        testId="recovery-total"
        label={t("recovery.amounts.total")}
        value={formatMoney(a.total_cents, lang)}
        color={a.total_cents > 0 ? "red.7" : undefined}
        hint={t("recovery.amounts.total_hint")}
      />
    </SimpleGrid>
  );
}

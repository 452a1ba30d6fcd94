import { Badge, type MantineSize } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { OutboxState } from "../api/dunning";

const COLORS: Record<OutboxState, string> = {
  awaiting_approval: "orange",
  pending: "blue",
  sending: "cyan",
  sent: "teal",
  failed: "red",
  cancelled: "gray",
  uncertain: "yellow",
};

/** A message's state in words: "En attente d'approbation", "Envoyé", "Échec"… */
export function OutboxStateBadge({ state, size = "sm" }: { state: OutboxState; size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[state] ?? "gray"} variant="light" size={size} data-testid="outbox-state">
      {t(`dunning.states.${state}`)}
    </Badge>
  );
}

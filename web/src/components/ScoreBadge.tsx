import { Badge, Tooltip } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { getClientScore } from "../api/calls";
import type { ScoreSummary } from "../api/clients";

const COLORS = { A: "teal", B: "lime", C: "orange", D: "red" } as const;

/**
 * The client's payment score as a badge: "Note A" (good payer) to "Note D" (habitual late payer), "Nouveau"
 * without history; the value and what the grade means in its tooltip (docs/calls.md).
 */
export function ScoreBadge({
  score,
  size = "sm",
}: {
  score: ScoreSummary | undefined | null;
  size?: "xs" | "sm" | "md" | "lg";
}) {
  const { t } = useTranslation();
  if (!score) return null;
  const grade = score.grade;
  const label = grade ? t("calls.score.badge", { grade }) : t("calls.score.new");
  const title = grade
    ? `${t("calls.score.title", { grade, value: score.value ?? "" })} — ${t(`calls.score.grades.${grade}`)}`
    : t("calls.score.title_new");
  return (
    <Tooltip label={title} withArrow>
      <Badge
        color={grade ? COLORS[grade] : "gray"}
        variant={grade === "D" ? "filled" : "light"}
        size={size}
        data-testid="score-badge"
        data-grade={grade ?? "new"}
        aria-label={title}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

/** The badge of a client known by its id only (an invoice's client): its score fetched on its own. */
export function ClientScoreBadge({ clientId, size }: { clientId: string; size?: "xs" | "sm" | "md" | "lg" }) {
  const query = useQuery({
    queryKey: ["clients", "score", clientId],
    queryFn: () => getClientScore(clientId),
  });
  return <ScoreBadge score={query.data ?? null} {...(size ? { size } : {})} />;
}

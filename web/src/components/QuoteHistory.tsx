import { Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Action } from "../api/actions";
import { getQuote, type Quote } from "../api/quotes";
import { formatDate, formatTimestamp } from "../format";
import { useLang } from "./useLang";

/**
 * What happened to one quote: who accepted it, when and how (the name typed and the IP of a portal acceptance),
 * and its timeline entries (sent, e-mailed, reminded before expiry, answered, downloaded on the portal).
 */
export function QuoteHistory({ quote, entries }: { quote: Quote; entries: Action[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const detail = useQuery({
    queryKey: ["quotes", "detail", quote.id],
    queryFn: () => getQuote(quote.id),
    enabled: quote.status === "accepted",
  });
  const acceptance = detail.data?.acceptance ?? null;
  return (
    <Stack gap={2} mt="xs" data-testid="quote-history">
      {quote.status === "accepted" && acceptance && (
        <Text size="xs" data-testid="quote-acceptance">
          {acceptance.how === "portal"
            ? t("quotes.acceptance.portal", {
                name: acceptance.name ?? "—",
                date: formatTimestamp(quote.accepted_at, lang),
                ip: acceptance.ip ?? "—",
              })
            : t(acceptance.how === "signed" ? "quotes.acceptance.signed" : "quotes.acceptance.manual", {
                date: formatTimestamp(quote.accepted_at, lang),
              })}
        </Text>
      )}
      {entries.length === 0 && (
        <Text size="xs" c="dimmed">
          {t("quotes.history_none")}
        </Text>
      )}
      {entries.map((e) => (
        <Text key={e.id} size="xs" c="dimmed" data-testid="quote-history-entry">
          {formatDate(e.occurred_on)} · {e.summary}
        </Text>
      ))}
    </Stack>
  );
}

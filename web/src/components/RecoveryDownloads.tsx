import { Anchor, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type CasePdf, casePdfUrl, caseZipUrl, type RecoveryCase, type ZipVariant } from "../api/recovery";

/** The ZIP variant of the stage the case is at (the others stay available). */
function mainVariant(kase: RecoveryCase): ZipVariant {
  if (kase.stage === "small_claims") return "small_claims";
  if (kase.stage === "handed_over") return "handover";
  return "injunction";
}

/**
 * The file's documents, generated on demand: the ZIPs (main document, bordereau, numbered pieces) and the PDFs.
 * Plain links: the session cookie authenticates them, as the other PDF downloads.
 */
export function RecoveryDownloads({ kase }: { kase: RecoveryCase }) {
  const { t } = useTranslation();
  const eligible = (p: string) => kase.view.procedures.some((e) => e.procedure === p && e.eligible);
  const has = (kind: string) => kase.procedures.some((p) => p.kind === kind);
  const smallClaims = eligible("small_claims") || has("small_claims");
  const injunction = eligible("injonction_de_payer") || has("injunction");
  const variants: ZipVariant[] = [
    ...(injunction ? (["injunction"] as const) : []),
    ...(smallClaims ? (["small_claims"] as const) : []),
    "handover",
  ];
  const main = mainVariant(kase);
  const ordered = [...variants.filter((v) => v === main), ...variants.filter((v) => v !== main)];
  const pdfs: CasePdf[] = [
    ...(injunction ? (["requete"] as const) : []),
    ...(smallClaims ? (["small-claims"] as const) : []),
    "bordereau",
    "summary",
  ];
  return (
    <Paper withBorder p="sm" radius="sm" bg="gray.0" data-testid="recovery-downloads">
      <Text fw={600} size="sm">
        {t("recovery.downloads.title")}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t("recovery.downloads.help")}
      </Text>
      <Stack gap="xs">
        <Group gap="xs">
          {ordered.map((v, n) => (
            <Button
              key={v}
              component="a"
              href={caseZipUrl(kase.id, v)}
              download
              size="xs"
              variant={n === 0 ? "filled" : "default"}
              data-testid={`recovery-zip-${v}`}
            >
              {t(`recovery.downloads.zip.${v}`)}
            </Button>
          ))}
        </Group>
        <Group gap="md">
          {pdfs.map((p) => (
            <Anchor
              key={p}
              href={casePdfUrl(kase.id, p)}
              target="_blank"
              rel="noopener"
              size="sm"
              data-testid={`recovery-pdf-${p}`}
            >
              {t(`recovery.downloads.pdf.${p}`)} (PDF)
            </Anchor>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}

import { Alert, Button, Group, List, Paper, Stack, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import {
  BANK_LINES_KEY,
  importStatement,
  type MatchAgainReport,
  matchBankLinesAgain,
  type StatementReport,
} from "../api/statements";
import { queryClient } from "../queryClient";
import { errorMessage } from "./errors";
import { FilePicker } from "./FilePicker";
import { invalidateLedger } from "./invalidate";

/** The problems of a refused statement: `line:N` paths worded « Ligne N : … ». */
function problemsOf(e: unknown, t: TFunction): string[] {
  if (!(e instanceof ApiError)) return [];
  return e.validation.map((d) => {
    const line = /^line:(\d+)$/.exec(d.path)?.[1];
    // most messages name their line already (« Date invalide (ligne 3) »)
    if (!line || new RegExp(`\\b(ligne|line) ${line}\\b`, "i").test(d.message)) return d.message;
    return String(t("reconciliation.line_problem", { line, message: d.message }));
  });
}

/** The import zone: a statement file uploaded, imported and matched at once; the summary or the file's problems. */
export function StatementImport({ onImported }: { onImported: (report: StatementReport) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<StatementReport | null>(null);
  const [again, setAgain] = useState<MatchAgainReport | null>(null);
  const [failure, setFailure] = useState<{ message: string; problems: string[] } | null>(null);

  async function submit() {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setReport(null);
    setAgain(null);
    try {
      const done = await importStatement(file);
      setReport(done);
      setFile(null);
      setResetKey((k) => k + 1);
      await Promise.all([queryClient.invalidateQueries({ queryKey: BANK_LINES_KEY }), invalidateLedger()]);
      onImported(done);
    } catch (e) {
      const problems = problemsOf(e, t);
      // a refused file: its problems under « Relevé refusé » (the error's own message repeats the first one)
      setFailure({
        message: problems.length > 0 ? t("reconciliation.refused") : errorMessage(e, t),
        problems,
      });
    } finally {
      setBusy(false);
    }
  }

  async function matchAgain() {
    setBusy(true);
    setFailure(null);
    setReport(null);
    setAgain(null);
    try {
      const done = await matchBankLinesAgain();
      setAgain(done);
      await Promise.all([queryClient.invalidateQueries({ queryKey: BANK_LINES_KEY }), invalidateLedger()]);
    } catch (e) {
      setFailure({ message: errorMessage(e, t), problems: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder radius="md" p="md" data-testid="statement-import">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("reconciliation.import_title")}
        </Title>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <div style={{ flex: "1 1 320px" }}>
            <FilePicker
              label={t("reconciliation.file")}
              description={t("reconciliation.file_help")}
              accept=".xml,.053,.sta,.txt,.cfonb,.ofx,.qfx,.csv,text/csv,application/xml,text/xml,text/plain"
              onChange={setFile}
              resetKey={resetKey}
            />
          </div>
          <Button onClick={() => void submit()} disabled={!file} loading={busy}>
            {t("reconciliation.import")}
          </Button>
          <Button
            variant="default"
            onClick={() => void matchAgain()}
            disabled={busy}
            title={t("reconciliation.match_again_help")}
            data-testid="match-again"
          >
            {t("reconciliation.match_again")}
          </Button>
        </Group>
        {report && (
          <Alert color="teal" data-testid="statement-summary">
            {t("reconciliation.imported", {
              transactions: report.transactions,
              credits: report.credits,
              new_credits: report.new_credits,
              auto: report.auto_matched.length,
              proposed: report.proposed.length,
              unmatched: report.unmatched.length,
            })}
          </Alert>
        )}
        {again && (
          <Alert color="teal" data-testid="match-again-summary">
            {t("reconciliation.matched_again", {
              lines: again.lines,
              auto: again.auto_matched.length,
              proposed: again.proposed.length,
              unmatched: again.unmatched.length,
            })}
          </Alert>
        )}
        {failure && (
          <Alert color="red" title={failure.message} data-testid="statement-refused">
            {failure.problems.length > 0 && (
              <List size="sm" spacing={2}>
                {failure.problems.map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

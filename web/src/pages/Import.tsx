import {
  Alert,
  Button,
  Group,
  List,
  Loader,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, type ImportErrorDetail } from "../api/client";
import {
  buildMapOption,
  type ImportPreview,
  type ImportReport,
  previewImport,
  runImport,
  TRACKING_EXPORT_URL,
} from "../api/imports";
import { errorMessage } from "../components/errors";
import { FilePicker } from "../components/FilePicker";
import { invalidateLedger } from "../components/invalidate";
import { PageTitle } from "../components/PageTitle";
import { useCan } from "../session";

const ACCEPT =
  ".csv,.tsv,.txt,.xlsx,.pdf,.xml,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/pdf,application/xml,text/xml";
const IGNORE = "ignore";

type Outcome =
  | { kind: "report"; report: ImportReport }
  | { kind: "errors"; message: string; errors: ImportErrorDetail[] }
  | { kind: "failure"; message: string };

function importErrors(details: unknown): ImportErrorDetail[] {
  if (!Array.isArray(details)) return [];
  return details
    .filter(
      (d): d is Record<string, unknown> =>
        typeof d === "object" && d !== null && "message" in d && "line" in d,
    )
    .map((d) => ({
      line: typeof d.line === "number" ? d.line : Number(d.line ?? 0),
      column: typeof d.column === "string" ? d.column : "",
      message: String(d.message),
    }));
}

export default function ImportPage() {
  const { t } = useTranslation();
  const canImport = useCan("import");
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  // The report or the errors appear under the preview: bring them into view.
  useEffect(() => {
    if (outcome) outcomeRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }, [outcome]);

  const previewing = useMutation({
    mutationFn: ({ file: f, map }: { file: File; map?: string }) => previewImport(f, map),
    onSuccess: (p, { map }) => {
      setPreview(p);
      // The first look takes the server's recognition; a re-read after a change keeps the person's choices.
      if (map === undefined)
        setMapping(Object.fromEntries(p.headers.map((h) => [h, p.mapping[h] ?? IGNORE])));
    },
    onError: (e) => setOutcome(failure(e)),
  });

  // After a change of mapping, read the first rows again so that the problems shown match the choices.
  const [remapKey, setRemapKey] = useState(0);
  const mapOption = buildMapOption(mapping);
  const { mutate: repreview } = previewing;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read only when the person changed the mapping
  useEffect(() => {
    if (remapKey === 0 || !file) return;
    const timer = window.setTimeout(() => repreview({ file, map: mapOption || undefined }), 300);
    return () => window.clearTimeout(timer);
  }, [remapKey]);

  const importing = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!file) throw new Error("no file");
      return runImport(file, { map: mapOption || undefined, dryRun });
    },
    onSuccess: async (report) => {
      if (report.error_count > 0) {
        setOutcome({
          kind: "errors",
          message: t("import.refused", { count: report.error_count }),
          errors: report.errors,
        });
        return;
      }
      setOutcome({ kind: "report", report });
      if (!report.dry_run) await invalidateLedger();
    },
    onError: (e) => setOutcome(failure(e)),
  });

  function failure(e: unknown): Outcome {
    if (e instanceof ApiError && e.status === 400) {
      const errors = importErrors(e.details);
      if (errors.length > 0)
        return { kind: "errors", message: t("import.refused", { count: errors.length }), errors };
    }
    if (e instanceof ApiError && e.validation.length > 0) {
      return { kind: "failure", message: e.validation.map((v) => v.message).join(" ") };
    }
    return { kind: "failure", message: errorMessage(e, t) };
  }

  function choose(f: File | null) {
    setFile(f);
    setPreview(null);
    setOutcome(null);
    setFileError(undefined);
    if (!f) return;
    if (!/\.(csv|tsv|txt|xlsx|pdf|xml)$/i.test(f.name)) {
      setFileError(t("import.bad_type"));
      return;
    }
    setRemapKey(0);
    previewing.mutate({ file: f });
  }

  const fieldOptions = [
    ...(preview?.fields ?? [])
      .filter((f) => f !== IGNORE)
      .map((f) => ({ value: f, label: t(`import.fields.${f}`, { defaultValue: f }) })),
    { value: IGNORE, label: t("import.ignore") },
  ];
  const busy = importing.isPending;

  return (
    <>
      <PageTitle title={t("import.title")}>
        <Button component="a" href={TRACKING_EXPORT_URL} download variant="default">
          {t("import.export")}
        </Button>
      </PageTitle>

      {!canImport ? (
        <Alert color="gray">{t("import.readonly")}</Alert>
      ) : (
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md">
            <Text size="sm" mb="sm">
              {t("import.intro")}
            </Text>
            <List size="sm" mb="md" spacing={2}>
              <List.Item>{t("import.rule_columns")}</List.Item>
              <List.Item>{t("import.rule_formats")}</List.Item>
              <List.Item>{t("import.rule_einvoice")}</List.Item>
              <List.Item>{t("import.rule_atomic")}</List.Item>
            </List>
            <FilePicker
              label={t("import.file")}
              description={t("import.file_help")}
              accept={ACCEPT}
              onChange={choose}
              error={fileError}
            />
            {previewing.isPending && (
              <Group gap="xs" mt="sm">
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  {t("import.reading")}
                </Text>
              </Group>
            )}
          </Paper>

          {preview && (
            <Paper withBorder p="md" radius="md">
              <Title order={2} size="h4" mb={4}>
                {t("import.mapping_title")}
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                {t("import.mapping_help")}
              </Text>
              <ScrollArea type="auto" offsetScrollbars>
                <Table
                  fz="sm"
                  withColumnBorders
                  withTableBorder
                  style={{ minWidth: preview.headers.length * 210 }}
                >
                  <Table.Thead>
                    <Table.Tr>
                      {preview.headers.map((h, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; their place is their identity
                        <Table.Th key={i} style={{ verticalAlign: "top", minWidth: 200 }}>
                          <Text size="sm" fw={700} mb={4} style={{ overflowWrap: "anywhere" }}>
                            {h}
                          </Text>
                          <Select
                            size="xs"
                            aria-label={t("import.map_label", { header: h })}
                            value={mapping[h] ?? IGNORE}
                            onChange={(v) => {
                              setMapping((m) => ({ ...m, [h]: v ?? IGNORE }));
                              setOutcome(null);
                              setRemapKey((k) => k + 1);
                            }}
                            data={fieldOptions}
                            allowDeselect={false}
                            comboboxProps={{ withinPortal: true }}
                          />
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.rows.map((row, r) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: preview rows are fixed
                      <Table.Tr key={r}>
                        {preview.headers.map((header, c) => (
                          <PreviewCell
                            // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                            key={`${c}:${header}`}
                            value={row[c] ?? ""}
                            ignored={mapping[header] === IGNORE}
                          />
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
              <Text size="xs" c="dimmed" mt={4}>
                {t("import.preview_rows", { count: preview.rows.length })}
              </Text>
              {(preview.errors?.length ?? 0) > 0 && (
                <Alert
                  color="orange"
                  mt="sm"
                  title={t("import.preview_problems", { count: preview.errors?.length ?? 0 })}
                  data-testid="import-preview-problems"
                >
                  <List size="sm" spacing={2}>
                    {preview.errors?.slice(0, 10).map((e, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: problems are listed once, in order
                      <List.Item key={i}>
                        {e.line > 0 ? t("import.at_line", { line: e.line }) : ""}
                        {e.column ? `${e.column} : ` : ""}
                        {e.message}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              <Group mt="md" gap="sm">
                <Button
                  variant="default"
                  onClick={() => importing.mutate(true)}
                  loading={busy && importing.variables === true}
                >
                  {t("import.check")}
                </Button>
                <Button
                  onClick={() => importing.mutate(false)}
                  loading={busy && importing.variables === false}
                  disabled={busy}
                >
                  {t("import.run")}
                </Button>
              </Group>
            </Paper>
          )}

          <div ref={outcomeRef} style={{ scrollMarginTop: 80 }}>
            {outcome?.kind === "report" && <ReportView report={outcome.report} />}
            {outcome?.kind === "errors" && (
              <Paper withBorder p="md" radius="md" data-testid="import-errors">
                <Alert color="red" title={outcome.message} mb="sm">
                  {t("import.errors_help")}
                </Alert>
                <ScrollArea.Autosize mah={420} type="auto">
                  <Table fz="sm" striped stickyHeader>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={80}>{t("import.col.line")}</Table.Th>
                        <Table.Th w={180}>{t("import.col.column")}</Table.Th>
                        <Table.Th>{t("import.col.message")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {outcome.errors.map((e, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: errors are listed once, in order
                        <Table.Tr key={i}>
                          <Table.Td>{e.line > 0 ? e.line : "—"}</Table.Td>
                          <Table.Td style={{ overflowWrap: "anywhere" }}>{e.column || "—"}</Table.Td>
                          <Table.Td>{e.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              </Paper>
            )}
            {outcome?.kind === "failure" && (
              <Alert color="red" title={t("import.failed")}>
                {outcome.message}
              </Alert>
            )}
          </div>
        </Stack>
      )}
    </>
  );
}

function PreviewCell({ value, ignored }: { value: string; ignored: boolean }) {
  return <Table.Td c={ignored ? "dimmed" : undefined}>{value}</Table.Td>;
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={report.dry_run ? "blue" : "teal"}
      title={report.dry_run ? t("import.dry_run_ok") : t("import.done")}
      data-testid="import-result"
    >
      <List size="sm" spacing={2}>
        <List.Item>
          {report.dry_run
            ? t("import.would_import", { count: report.imported })
            : t("import.imported", { count: report.imported })}
        </List.Item>
        {report.skipped > 0 && <List.Item>{t("import.skipped", { count: report.skipped })}</List.Item>}
        {report.clients_created > 0 && (
          <List.Item>
            {report.dry_run
              ? t("import.would_create_clients", { count: report.clients_created })
              : t("import.clients_created", { count: report.clients_created })}
          </List.Item>
        )}
        {report.payments_created > 0 && (
          <List.Item>
            {report.dry_run
              ? t("import.would_create_payments", { count: report.payments_created })
              : t("import.payments_created", { count: report.payments_created })}
          </List.Item>
        )}
      </List>
      {(report.warnings?.length ?? 0) > 0 && (
        <>
          <Text size="sm" fw={600} mt="sm">
            {t("import.warnings")}
          </Text>
          <List size="sm" spacing={2} data-testid="import-warnings">
            {report.warnings?.map((w) => (
              <List.Item key={`${w.code}:${w.message}`}>{w.message}</List.Item>
            ))}
          </List>
        </>
      )}
      {report.dry_run ? (
        <Text size="sm" mt="sm">
          {t("import.dry_run_next")}
        </Text>
      ) : (
        <Group mt="sm" gap="sm">
          <Button component={Link} to="/" size="sm" color="teal">
            {t("import.to_dashboard")}
          </Button>
          <Button component={Link} to="/invoices" size="sm" variant="default">
            {t("import.to_invoices")}
          </Button>
        </Group>
      )}
    </Alert>
  );
}

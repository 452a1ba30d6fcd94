import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  deleteDocument,
  documentContentUrl,
  listDocuments,
  type StoredDocument,
  uploadDocument,
} from "../api/documents";
import { formatBytes, formatTimestamp } from "../format";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { errorMessage, notifySuccess, reportError } from "./errors";
import { FilePicker } from "./FilePicker";
import { useLang } from "./useLang";

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT =
  ".pdf,.png,.jpg,.jpeg,.xlsx,.csv,.txt,application/pdf,image/png,image/jpeg,text/csv,text/plain";

function docName(d: StoredDocument): string {
  return d.filename || d.id;
}

/** The documents of a client or an invoice: list, download, upload, delete. */
export function DocumentsPanel({ clientId, invoiceId }: { clientId?: string; invoiceId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const canEdit = useCan("documents");
  // An invoice's own items; a client's include those of its invoices.
  const filter = invoiceId ? { invoice_id: invoiceId } : { client_id: clientId };
  const docs = useQuery({ queryKey: ["documents", filter], queryFn: () => listDocuments(filter) });
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DocumentKind>("other");
  const [fileError, setFileError] = useState<string | undefined>();
  const [resetKey, setResetKey] = useState(0);

  const upload = useMutation({
    mutationFn: (f: File) => uploadDocument({ file: f, kind, client_id: clientId, invoice_id: invoiceId }),
    onSuccess: async () => {
      notifySuccess(t("documents.uploaded"));
      setFile(null);
      setResetKey((k) => k + 1);
      await queryClient.invalidateQueries({ queryKey: ["documents"] });
    },
    onError: (e) =>
      reportError(e, t, { paths: { file: "file" }, setErrors: (errs) => setFileError(errs.file) }),
  });

  const remove = useMutation({
    mutationFn: deleteDocument,
    onSuccess: async () => {
      notifySuccess(t("documents.deleted"));
      await queryClient.invalidateQueries({ queryKey: ["documents"] });
    },
    onError: (e) => reportError(e, t),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setFileError(t("documents.choose_file"));
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError(t("documents.too_large"));
      return;
    }
    setFileError(undefined);
    upload.mutate(file);
  }

  const items = docs.data?.data ?? [];

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t("documents.title")}
      </Title>
      {docs.isError ? (
        <Text c="red" size="sm">
          {errorMessage(docs.error, t)}
        </Text>
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {docs.isPending ? t("common.loading") : t("documents.none")}
        </Text>
      ) : (
        <Stack gap={6} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {items.map((d) => (
            <Group key={d.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Anchor
                  href={documentContentUrl(d.id)}
                  download={docName(d)}
                  size="sm"
                  style={{ overflowWrap: "anywhere" }}
                >
                  {docName(d)}
                </Anchor>
                <Group gap={6}>
                  <Badge size="xs" variant="light" color="gray">
                    {t(`document_kinds.${d.kind as DocumentKind}`, { defaultValue: d.kind })}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {[
                      formatBytes(d.size_bytes, lang),
                      d.created_at ? formatTimestamp(d.created_at, lang) : "",
                      d.uploaded_by ?? "",
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                </Group>
              </div>
              {canEdit && (
                <Tooltip label={t("common.delete")}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("documents.delete", { name: docName(d) })}
                    loading={remove.isPending && remove.variables === d.id}
                    onClick={() => {
                      if (window.confirm(t("documents.confirm_delete", { name: docName(d) })))
                        remove.mutate(d.id);
                    }}
                  >
                    ×
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {canEdit && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs" mt="md">
            <FilePicker
              label={t("documents.file")}
              description={t("documents.file_help")}
              accept={ACCEPT}
              onChange={(f) => {
                setFile(f);
                setFileError(undefined);
              }}
              error={fileError}
              resetKey={resetKey}
            />
            <Group align="flex-end" gap="xs">
              <Select
                label={t("documents.kind")}
                value={kind}
                onChange={(v) => v && setKind(v as DocumentKind)}
                allowDeselect={false}
                data={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`document_kinds.${k}`) }))}
                style={{ flex: 1 }}
              />
              <Button type="submit" loading={upload.isPending} variant="light">
                {t("documents.upload")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ClientDetail, type MerchantStatus, updateClient } from "../api/clients";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { type FieldErrors, notifySuccess, reportError } from "./errors";

const UNKNOWN = "unknown";

/**
 * The client's own payment term (the organization's when empty: it sets the due date of new invoices) and, for a
 * business, whether it is a commerçant (merchant): that decides the court of an injonction de payer.
 */
export function ClientTermsCard({ client }: { client: ClientDetail }) {
  const { t } = useTranslation();
  const canEdit = useCan("clients");
  const [term, setTerm] = useState(client.payment_term ?? "");
  const [merchant, setMerchant] = useState<string>(client.merchant_status ?? UNKNOWN);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const status: MerchantStatus | null = merchant === UNKNOWN ? null : (merchant as MerchantStatus);
      const saved = await updateClient(client.id, {
        payment_term: term.trim() === "" ? null : term.trim(),
        ...(client.kind === "business" ? { merchant_status: status } : {}),
      });
      setTerm(saved.payment_term ?? "");
      queryClient.setQueryData(["clients", "detail", client.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["procedures"] });
      notifySuccess(t("clients.terms_saved"));
    } catch (err) {
      reportError(err, t, {
        paths: { payment_term: "payment_term", merchant_status: "merchant" },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t("clients.terms_title")}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t("clients.payment_term")}
            description={t("clients.payment_term_help")}
            placeholder={t("clients.payment_term_default")}
            value={term}
            onChange={(e) => setTerm(e.currentTarget.value)}
            error={errors.payment_term}
            readOnly={!canEdit}
          />
          {client.kind === "business" && (
            <Select
              label={t("clients.merchant")}
              description={t("clients.merchant_help")}
              value={merchant}
              onChange={(v) => setMerchant(v ?? UNKNOWN)}
              allowDeselect={false}
              readOnly={!canEdit}
              error={errors.merchant}
              data={[
                { value: UNKNOWN, label: t("clients.merchant_unknown") },
                { value: "merchant", label: t("clients.merchant_yes") },
                { value: "non_merchant", label: t("clients.merchant_no") },
              ]}
            />
          )}
          {canEdit ? (
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={busy}>
                {t("common.save")}
              </Button>
            </Group>
          ) : (
            <Text size="xs" c="dimmed">
              {t("clients.terms_read_only")}
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

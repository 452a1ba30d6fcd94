import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type ClientKind, createClient } from "../api/clients";
import { queryClient } from "../queryClient";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { validateEmail, validateRequired, validateSiren } from "./validation";

const KINDS: readonly ClientKind[] = ["business", "consumer", "public"];

export function ClientFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<ClientKind>("business");
  const [name, setName] = useState("");
  const [siren, setSiren] = useState("");
  const [city, setCity] = useState("");
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  function reset() {
    setKind("business");
    setName("");
    setSiren("");
    setCity("");
    setEmail("");
    setErrors({});
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    const nameError = validateRequired(name, t);
    if (nameError) next.name = nameError;
    const sirenError = kind === "consumer" ? undefined : validateSiren(siren, t);
    if (sirenError) next.siren = sirenError;
    const emailError = validateEmail(email, t);
    if (emailError) next.email = emailError;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const client = await createClient({
        kind,
        name: name.trim(),
        ...(siren.trim() && kind !== "consumer" ? { siren: siren.replace(/\s/g, "") } : {}),
        ...(city.trim() ? { city: city.trim() } : {}),
        ...(email.trim() ? { contacts: [{ email: email.trim(), is_billing: true }] } : {}),
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["clients"] }),
        queryClient.invalidateQueries({ queryKey: ["dashboard"] }),
      ]);
      notifySuccess(t("clients.created", { name: client.name }));
      reset();
      // Leaving the page closes the modal.
      navigate(`/clients/${encodeURIComponent(client.id)}`);
    } catch (err) {
      reportError(err, t, {
        paths: { name: "name", siren: "siren", city: "city", kind: "kind", contacts: "email" },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t("clients.new")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Text size="sm" fw={500} mb={4} id="client-kind-label">
              {t("clients.kind")}
            </Text>
            <SegmentedControl
              fullWidth
              aria-labelledby="client-kind-label"
              value={kind}
              onChange={(v) => setKind(v as ClientKind)}
              data={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            />
            {errors.kind && (
              <Text size="xs" c="red" mt={4}>
                {errors.kind}
              </Text>
            )}
          </div>
          <TextInput
            label={kind === "consumer" ? t("clients.name_person") : t("clients.name_company")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
          />
          {kind !== "consumer" && (
            <TextInput
              label={t("clients.siren")}
              value={siren}
              onChange={(e) => setSiren(e.currentTarget.value)}
              error={errors.siren}
              inputMode="numeric"
            />
          )}
          <TextInput
            label={t("clients.city")}
            value={city}
            onChange={(e) => setCity(e.currentTarget.value)}
            error={errors.city}
          />
          <TextInput
            label={t("clients.billing_email")}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("clients.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { createOrganization } from "../api/session";
import { resetData } from "../session";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { validateSiren } from "./validation";

export function NewOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [siren, setSiren] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    if (name.trim() === "") next.name = t("validation.required");
    const sirenError = validateSiren(siren, t);
    if (sirenError) next.siren = sirenError;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const session = await createOrganization({
        name: name.trim(),
        ...(siren.trim() ? { siren: siren.replace(/\s/g, "") } : {}),
      });
      resetData(session);
      notifySuccess(t("org.created", { name: name.trim() }));
      setName("");
      setSiren("");
      onClose();
      navigate("/");
    } catch (err) {
      reportError(err, t, { paths: { name: "name", siren: "siren" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t("org.new")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t("org.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
          />
          <TextInput
            label={t("org.siren")}
            description={t("org.siren_help")}
            value={siren}
            onChange={(e) => setSiren(e.currentTarget.value)}
            error={errors.siren}
            inputMode="numeric"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("org.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

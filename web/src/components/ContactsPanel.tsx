import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { addContact, type Contact, type ContactInput, deleteContact, updateContact } from "../api/clients";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { validateEmail } from "./validation";

export function ContactsPanel({ clientId, contacts }: { clientId: string; contacts: Contact[] }) {
  const { t } = useTranslation();
  const canEdit = useCan("contacts");
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  async function remove(c: Contact) {
    if (!window.confirm(t("contacts.confirm_delete", { name: c.name || c.email || "" }))) return;
    setDeleting(c.id);
    try {
      await deleteContact(c.id);
      notifySuccess(t("contacts.deleted"));
      await queryClient.invalidateQueries({ queryKey: ["clients"] });
    } catch (e) {
      reportError(e, t);
    } finally {
      setDeleting(null);
    }
  }

  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t("contacts.title")}
        </Title>
        {canEdit && (
          <Button size="xs" variant="light" onClick={() => setEditing("new")}>
            {t("contacts.add")}
          </Button>
        )}
      </Group>
      {contacts.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("contacts.none")}
        </Text>
      ) : (
        <Stack gap="sm">
          {contacts.map((c) => (
            <Group key={c.id} justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                    {c.name || c.email || t("contacts.unnamed")}
                  </Text>
                  {c.is_billing && (
                    <Badge size="xs" variant="light" color="indigo">
                      {t("contacts.billing")}
                    </Badge>
                  )}
                </Group>
                {c.role && (
                  <Text size="xs" c="dimmed">
                    {c.role}
                  </Text>
                )}
                {c.email && (
                  <Anchor href={`mailto:${c.email}`} size="xs" style={{ overflowWrap: "anywhere" }}>
                    {c.email}
                  </Anchor>
                )}
                {c.phone && (
                  <Text size="xs">
                    <Anchor href={`tel:${c.phone.replace(/\s/g, "")}`} inherit>
                      {c.phone}
                    </Anchor>
                  </Text>
                )}
              </div>
              {canEdit && (
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(c)}>
                    {t("common.edit")}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    loading={deleting === c.id}
                    onClick={() => void remove(c)}
                  >
                    {t("common.delete")}
                  </Button>
                </Group>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {editing !== null && (
        <ContactModal
          clientId={clientId}
          contact={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Paper>
  );
}

function ContactModal({
  clientId,
  contact,
  onClose,
}: {
  clientId: string;
  contact: Contact | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(contact?.name ?? "");
  const [role, setRole] = useState(contact?.role ?? "");
  const [email, setEmail] = useState(contact?.email ?? "");
  const [phone, setPhone] = useState(contact?.phone ?? "");
  const [billing, setBilling] = useState(contact?.is_billing ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    if (name.trim() === "" && email.trim() === "" && phone.trim() === "")
      next.name = t("contacts.need_something");
    const emailError = validateEmail(email, t);
    if (emailError) next.email = emailError;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const body: ContactInput = {
      name: name.trim() || null,
      role: role.trim() || null,
      email: email.trim() || null,
      phone: phone.trim() || null,
      is_billing: billing,
    };
    setBusy(true);
    try {
      if (contact) await updateContact(contact.id, body);
      else await addContact(clientId, body);
      notifySuccess(contact ? t("contacts.updated") : t("contacts.added"));
      await queryClient.invalidateQueries({ queryKey: ["clients"] });
      onClose();
    } catch (err) {
      reportError(err, t, {
        paths: { name: "name", role: "role", email: "email", phone: "phone" },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={contact ? t("contacts.edit") : t("contacts.add")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t("contacts.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <TextInput
            label={t("contacts.role")}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value)}
            error={errors.role}
          />
          <TextInput
            label={t("contacts.email")}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <TextInput
            label={t("contacts.phone")}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.phone}
          />
          <Checkbox
            label={t("contacts.is_billing")}
            checked={billing}
            onChange={(e) => setBilling(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import {
  Alert,
  Button,
  CopyButton,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  createInvitation,
  deleteInvitation,
  listInvitations,
  listMembers,
  removeMember,
  updateMember,
} from "../api/members";
import { getOrganization, type Organization, updateOrganization } from "../api/organization";
import type { Role } from "../api/session";
import { CollectedExportCard } from "../components/CollectedExportCard";
import { type FieldErrors, notifySuccess, reportError } from "../components/errors";
import { PageTitle } from "../components/PageTitle";
import { QueryState } from "../components/QueryState";
import { SmtpCard } from "../components/SmtpCard";
import { validateEmail, validateRequired, validateSiren } from "../components/validation";
import { formatDate } from "../format";
import { queryClient } from "../queryClient";
import { useCan, useSession } from "../session";

const ROLES: readonly Role[] = ["owner", "manager", "collector", "viewer"];

/** The organization fields this form knows, in order; only those the server sends are shown. */
const ORG_FIELDS = [
  "name",
  "legal_form",
  "siren",
  "siret",
  "vat_number",
  "address",
  "postal_code",
  "city",
  "country",
  "email",
  "phone",
  "iban",
  "bic",
  "payment_term",
  "time_zone",
] as const;

type OrgField = (typeof ORG_FIELDS)[number];

export default function SettingsPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ["organization"], queryFn: getOrganization });
  return (
    <>
      <PageTitle title={t("settings.title")} />
      <Stack gap="lg">
        <QueryState query={query}>{(org) => <OrganizationForm key={org.id} org={org} />}</QueryState>
        <Members />
        <DunningLink />
        <SmtpCard />
        <RatesLink />
        <CollectedExportCard />
      </Stack>
    </>
  );
}

/** Sequences and message templates live on their own page (web/src/pages/DunningSettings.tsx). */
function DunningLink() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb={4}>
        {t("dunning_settings.settings_title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("dunning_settings.settings_help")}
      </Text>
      <Button component={Link} to="/settings/dunning" variant="light">
        {t("dunning_settings.settings_link")}
      </Button>
    </Paper>
  );
}

/** The rates table lives on its own page (web/src/pages/Rates.tsx). */
function RatesLink() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb={4}>
        {t("rates.settings_title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("rates.settings_help")}
      </Text>
      <Button component={Link} to="/settings/rates" variant="light">
        {t("rates.settings_link")}
      </Button>
    </Paper>
  );
}

function OrganizationForm({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const canEdit = useCan("organization");
  const fields = ORG_FIELDS.filter((f) => f in org);
  const initial = Object.fromEntries(
    fields.map((f) => [f, org[f] === null || org[f] === undefined ? "" : String(org[f])]),
  );
  const [values, setValues] = useState<Record<string, string>>(initial);
  // Kept in the organization's settings; shown only when the server sends it.
  const initialDayCount = typeof org.day_count === "string" ? org.day_count : null;
  const [dayCount, setDayCount] = useState<string | null>(initialDayCount);
  // The promises' grace period (settings JSON, docs/calls.md): its range is the server's to check.
  const initialGrace = typeof org.promise_grace_days === "number" ? String(org.promise_grace_days) : null;
  const [grace, setGrace] = useState<string | null>(initialGrace);
  // The invoice mentions kept in settings (nature of the operations, VAT on debits), shown when the server sends them.
  const initialCategory =
    "operation_category" in org ? ((org.operation_category as string | null) ?? "") : null;
  const [category, setCategory] = useState<string | null>(initialCategory);
  const initialDebits = typeof org.vat_on_debits === "boolean" ? org.vat_on_debits : null;
  const [debits, setDebits] = useState<boolean | null>(initialDebits);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const termWarnings = termWarningsOf(org);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    const nameError = validateRequired(values.name ?? "", t);
    if (nameError) next.name = nameError;
    if (values.siren !== undefined) {
      const sirenError = validateSiren(values.siren, t);
      if (sirenError) next.siren = sirenError;
    }
    if (values.email !== undefined) {
      const emailError = validateEmail(values.email, t);
      if (emailError) next.email = emailError;
    }
    if (values.payment_term !== undefined && values.payment_term.trim() === "") {
      next.payment_term = t("settings.terms_invalid");
    }
    if (values.country !== undefined && !/^[A-Z]{2}$/.test(values.country.trim().toUpperCase())) {
      next.country = t("settings.country_invalid");
    }
    if (grace !== null && !/^-?\d{1,4}$/.test(grace.trim())) {
      next.promise_grace_days = t("calls.grace_setting_invalid");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const raw = (values[f] ?? "").trim();
      const v = f === "country" ? raw.toUpperCase() : raw;
      if (v === (initial[f] ?? "")) continue;
      if (typeof org[f] === "number") body[f] = v === "" ? null : Number(v);
      else body[f] = v === "" ? null : v;
    }
    if (dayCount !== null && dayCount !== initialDayCount) body.day_count = dayCount;
    if (grace !== null && grace.trim() !== initialGrace) body.promise_grace_days = Number(grace.trim());
    if (category !== null && category !== initialCategory)
      body.operation_category = category === "" ? null : category;
    if (debits !== null && debits !== initialDebits) body.vat_on_debits = debits;
    if (Object.keys(body).length === 0) {
      notifySuccess(t("settings.nothing_changed"));
      return;
    }
    setBusy(true);
    try {
      const saved = await updateOrganization(body);
      queryClient.setQueryData(["organization"], saved);
      await queryClient.invalidateQueries({ queryKey: ["session"] });
      notifySuccess(t("settings.saved"));
    } catch (err) {
      reportError(err, t, {
        paths: {
          ...Object.fromEntries(fields.map((f) => [f, f])),
          day_count: "day_count",
          promise_grace_days: "promise_grace_days",
          operation_category: "operation_category",
        },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t("settings.organization")}
      </Title>
      {!canEdit && (
        <Text size="sm" c="dimmed" mb="sm">
          {t("settings.owner_only")}
        </Text>
      )}
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {fields.map((f: OrgField) => (
            <TextInput
              key={f}
              label={t(`settings.fields.${f}`)}
              value={values[f] ?? ""}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((prev) => ({ ...prev, [f]: v }));
              }}
              error={errors[f]}
              readOnly={!canEdit}
              required={f === "name"}
              inputMode={f === "siren" || f === "siret" ? "numeric" : undefined}
              description={f === "payment_term" ? t("settings.terms_help") : undefined}
              type={f === "email" ? "email" : "text"}
            />
          ))}
          {termWarnings.length > 0 && (
            <Alert color="orange" title={t("settings.terms_non_compliant")} data-testid="term-warnings">
              {termWarnings.map((w) => (
                <Text key={w} size="sm">
                  {w}
                </Text>
              ))}
            </Alert>
          )}
          {dayCount !== null && (
            <Select
              label={t("settings.day_count")}
              description={t("settings.day_count_help")}
              value={dayCount}
              onChange={(v) => v && setDayCount(v)}
              allowDeselect={false}
              readOnly={!canEdit}
              error={errors.day_count}
              data={[
                { value: "actual_365", label: t("law.day_count_actual_365") },
                { value: "actual_actual", label: t("law.day_count_actual_actual") },
              ]}
            />
          )}
          {grace !== null && (
            <TextInput
              label={t("calls.grace_setting")}
              description={t("calls.grace_setting_help")}
              value={grace}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setGrace(v);
              }}
              error={errors.promise_grace_days}
              readOnly={!canEdit}
              inputMode="numeric"
              w={{ base: "100%", sm: 320 }}
            />
          )}
          {category !== null && (
            <Select
              label={t("settings.operation_category")}
              description={t("settings.operation_category_help")}
              value={category}
              onChange={(v) => setCategory(v ?? "")}
              readOnly={!canEdit}
              error={errors.operation_category}
              allowDeselect={false}
              data={[
                { value: "", label: t("settings.operation_category_none") },
                { value: "services", label: t("settings.operation_category_services") },
                { value: "goods", label: t("settings.operation_category_goods") },
                { value: "mixed", label: t("settings.operation_category_mixed") },
              ]}
            />
          )}
          {debits !== null && (
            <Switch
              mt="lg"
              label={t("settings.vat_on_debits")}
              description={t("settings.vat_on_debits_help")}
              checked={debits}
              disabled={!canEdit}
              onChange={(e) => setDebits(e.currentTarget.checked)}
            />
          )}
        </SimpleGrid>
        {canEdit && (
          <Group justify="flex-end" mt="md">
            <Button type="submit" loading={busy}>
              {t("common.save")}
            </Button>
          </Group>
        )}
      </form>
    </Paper>
  );
}

function Members() {
  const { t } = useTranslation();
  const session = useSession();
  const canManage = useCan("members");
  const members = useQuery({ queryKey: ["members"], queryFn: listMembers });
  const invitations = useQuery({ queryKey: ["invitations"], queryFn: listInvitations, enabled: canManage });

  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => updateMember(userId, role),
    onSuccess: async () => {
      notifySuccess(t("members.role_changed"));
      await queryClient.invalidateQueries({ queryKey: ["members"] });
      await queryClient.invalidateQueries({ queryKey: ["session"] });
    },
    onError: (e) => reportError(e, t),
  });

  const remove = useMutation({
    mutationFn: removeMember,
    onSuccess: async (_, userId) => {
      notifySuccess(t("members.removed"));
      if (userId === session.user.id) {
        // Leaving: this organization is no longer ours; the session says where we are now.
        await queryClient.invalidateQueries();
        return;
      }
      await queryClient.invalidateQueries({ queryKey: ["members"] });
    },
    onError: (e) => reportError(e, t),
  });

  const revoke = useMutation({
    mutationFn: deleteInvitation,
    onSuccess: async () => {
      notifySuccess(t("invitations.revoked"));
      await queryClient.invalidateQueries({ queryKey: ["invitations"] });
    },
    onError: (e) => reportError(e, t),
  });

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb={4}>
        {t("members.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("members.roles_help")}
      </Text>
      <QueryState query={members}>
        {(m) => (
          <Table.ScrollContainer minWidth={560}>
            <Table fz="sm" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("members.name")}</Table.Th>
                  <Table.Th>{t("members.email")}</Table.Th>
                  <Table.Th w={200}>{t("members.role")}</Table.Th>
                  {canManage && <Table.Th w={110} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {m.data.map((member) => {
                  const self = member.user_id === session.user.id;
                  // The last owner can neither leave nor be demoted (the server refuses): no control that fails.
                  const lastOwner =
                    member.role === "owner" && m.data.filter((o) => o.role === "owner").length === 1;
                  return (
                    <Table.Tr key={member.user_id}>
                      <Table.Td style={{ overflowWrap: "anywhere" }}>
                        {member.name || member.email}
                        {self && (
                          <Text span size="xs" c="dimmed">
                            {" "}
                            ({t("members.you")})
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: "anywhere" }}>{member.email}</Table.Td>
                      <Table.Td>
                        {canManage && !lastOwner ? (
                          <Select
                            size="xs"
                            aria-label={t("members.role_of", { name: member.name || member.email })}
                            value={member.role}
                            data={roleOptions}
                            allowDeselect={false}
                            disabled={changeRole.isPending}
                            onChange={(v) => {
                              if (v && v !== member.role)
                                changeRole.mutate({ userId: member.user_id, role: v as Role });
                            }}
                          />
                        ) : (
                          t(`roles.${member.role}`)
                        )}
                      </Table.Td>
                      {canManage && (
                        <Table.Td>
                          {!lastOwner && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="red"
                              loading={remove.isPending && remove.variables === member.user_id}
                              onClick={() => {
                                const question = self
                                  ? t("members.confirm_leave")
                                  : t("members.confirm_remove", { name: member.name || member.email });
                                if (window.confirm(question)) remove.mutate(member.user_id);
                              }}
                            >
                              {self ? t("members.leave") : t("members.remove")}
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>

      {canManage && (
        <>
          <Title order={3} size="h5" mt="lg" mb="xs">
            {t("invitations.title")}
          </Title>
          {invitations.data && invitations.data.data.length > 0 ? (
            <Table.ScrollContainer minWidth={480} mb="md">
              <Table fz="sm" verticalSpacing={6}>
                <Table.Tbody>
                  {invitations.data.data.map((inv) => (
                    <Table.Tr key={inv.id}>
                      <Table.Td style={{ overflowWrap: "anywhere" }}>{inv.email}</Table.Td>
                      <Table.Td>{t(`roles.${inv.role}`)}</Table.Td>
                      <Table.Td c="dimmed">
                        {t("invitations.expires", { date: formatDate(inv.expires_at) })}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          loading={revoke.isPending && revoke.variables === inv.id}
                          onClick={() => revoke.mutate(inv.id)}
                        >
                          {t("invitations.revoke")}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm" c="dimmed" mb="sm">
              {t("invitations.none")}
            </Text>
          )}
          <InviteForm roleOptions={roleOptions} />
        </>
      )}
    </Paper>
  );
}

function InviteForm({ roleOptions }: { roleOptions: { value: Role; label: string }[] }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("collector");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [acceptUrl, setAcceptUrl] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const emailError = validateEmail(email, t, true);
    setErrors(emailError ? { email: emailError } : {});
    if (emailError) return;
    setBusy(true);
    try {
      const inv = await createInvitation({ email: email.trim(), role });
      const url = inv.accept_url.startsWith("/")
        ? `${window.location.origin}${inv.accept_url}`
        : inv.accept_url;
      setAcceptUrl(url);
      setEmail("");
      notifySuccess(t("invitations.sent", { email: inv.email }));
      await queryClient.invalidateQueries({ queryKey: ["invitations"] });
    } catch (err) {
      reportError(err, t, { paths: { email: "email", role: "role" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t("invitations.email")}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            style={{ flex: "1 1 220px" }}
          />
          <Select
            label={t("invitations.role")}
            value={role}
            onChange={(v) => v && setRole(v as Role)}
            data={roleOptions}
            allowDeselect={false}
            error={errors.role}
            w={{ base: "100%", xs: 180 }}
          />
          <Button type="submit" loading={busy} mt={{ base: 0, xs: 25 }}>
            {t("invitations.invite")}
          </Button>
        </Group>
      </form>
      {acceptUrl && (
        <Alert
          color="indigo"
          mt="md"
          title={t("invitations.link_title")}
          withCloseButton
          onClose={() => setAcceptUrl(null)}
        >
          <Text size="sm" mb="xs">
            {t("invitations.link_help")}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              value={acceptUrl}
              readOnly
              aria-label={t("invitations.link_title")}
              onFocus={(e) => e.currentTarget.select()}
              style={{ flex: 1 }}
              data-testid="invitation-url"
            />
            <CopyButton value={acceptUrl}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? "filled" : "light"}
                  color={copied ? "teal" : undefined}
                  onClick={copy}
                >
                  {copied ? t("common.copied") : t("common.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
    </>
  );
}

/** The messages of the server's check of the default term against the legal caps (L441-10). */
function termWarningsOf(org: Organization): string[] {
  const check = org.payment_term_check;
  if (typeof check !== "object" || check === null || !("warnings" in check) || !Array.isArray(check.warnings))
    return [];
  return check.warnings
    .map((w: unknown) =>
      typeof w === "object" && w !== null && "message" in w && typeof w.message === "string" ? w.message : "",
    )
    .filter((m: string) => m !== "");
}

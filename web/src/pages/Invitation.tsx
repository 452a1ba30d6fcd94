import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { acceptInvitation, type InvitationLookup, lookupInvitation } from "../api/session";
import { type FieldErrors, reportError } from "../components/errors";
import { QueryState } from "../components/QueryState";
import { MIN_PASSWORD, validateRequired } from "../components/validation";
import { resetData } from "../session";

export default function InvitationPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const query = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => lookupInvitation(token),
    retry: false,
  });

  useEffect(() => {
    document.title = `${t("invitation.title")} · Relance`;
  }, [t]);

  return (
    <Stack>
      <QueryState query={query}>{(inv) => <AcceptForm token={token} invitation={inv} />}</QueryState>
      <Text size="sm" ta="center">
        <Anchor component={Link} to="/login">
          {t("signup.login")}
        </Anchor>
      </Text>
    </Stack>
  );
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationLookup }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const newAccount = !invitation.has_account;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    if (newAccount) {
      const nameError = validateRequired(name, t);
      if (nameError) next.name = nameError;
      if (password.length < MIN_PASSWORD) next.password = t("validation.password", { n: MIN_PASSWORD });
    } else if (password === "") {
      next.password = t("validation.required");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const session = await acceptInvitation({
        token,
        password,
        ...(newAccount ? { name: name.trim() } : {}),
      });
      resetData(session);
      navigate("/", { replace: true });
    } catch (err) {
      reportError(err, t, { paths: { name: "name", password: "password" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={1} size="h3" mb="xs">
        {t("invitation.title")}
      </Title>
      <Alert color="indigo" variant="light" mb="md">
        {t("invitation.text", {
          organization: invitation.organization_name,
          role: t(`roles.${invitation.role}`),
        })}
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t("login.email")} value={invitation.email} readOnly />
          {newAccount && (
            <TextInput
              label={t("signup.name")}
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
              required
            />
          )}
          <PasswordInput
            label={newAccount ? t("invitation.new_password") : t("login.password")}
            description={
              newAccount ? t("signup.password_help", { n: MIN_PASSWORD }) : t("invitation.existing_help")
            }
            autoComplete={newAccount ? "new-password" : "current-password"}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            required
          />
          <Button type="submit" loading={busy} fullWidth>
            {t("invitation.accept")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

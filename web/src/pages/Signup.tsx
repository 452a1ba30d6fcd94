import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { getAuthConfig, signup } from "../api/session";
import { type FieldErrors, reportError } from "../components/errors";
import { MIN_PASSWORD, validateEmail, validateRequired } from "../components/validation";
import { currentLang } from "../i18n";
import { resetData } from "../session";

export default function SignupPage() {
  const { t } = useTranslation();
  const config = useQuery({ queryKey: ["auth-config"], queryFn: getAuthConfig, staleTime: 5 * 60_000 });
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [organization, setOrganization] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t("signup.title")} · Relance`;
  }, [t]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    const nameError = validateRequired(name, t);
    if (nameError) next.name = nameError;
    const emailError = validateEmail(email, t, true);
    if (emailError) next.email = emailError;
    if (password.length < MIN_PASSWORD) next.password = t("validation.password", { n: MIN_PASSWORD });
    const orgError = validateRequired(organization, t);
    if (orgError) next.organization_name = orgError;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const session = await signup({
        name: name.trim(),
        email: email.trim(),
        password,
        organization_name: organization.trim(),
        locale: currentLang(),
      });
      resetData(session);
    } catch (err) {
      reportError(err, t, {
        paths: { name: "name", email: "email", password: "password", organization_name: "organization_name" },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Paper withBorder p="lg" radius="md">
        <Title order={1} size="h3" mb="md">
          {t("signup.title")}
        </Title>
        {config.data?.signup_open === false ? (
          <Alert color="gray">{t("signup.closed")}</Alert>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <TextInput
                label={t("signup.name")}
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name}
                required
              />
              <TextInput
                label={t("signup.email")}
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={errors.email}
                required
              />
              <PasswordInput
                label={t("signup.password")}
                description={t("signup.password_help", { n: MIN_PASSWORD })}
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={errors.password}
                required
              />
              <TextInput
                label={t("signup.organization")}
                description={t("signup.organization_help")}
                autoComplete="organization"
                value={organization}
                onChange={(e) => setOrganization(e.currentTarget.value)}
                error={errors.organization_name}
                required
              />
              <Button type="submit" loading={busy} fullWidth>
                {t("signup.submit")}
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
      <Text size="sm" ta="center">
        {t("signup.have_account")}{" "}
        <Anchor component={Link} to="/login">
          {t("signup.login")}
        </Anchor>
      </Text>
    </Stack>
  );
}

import {
  Alert,
  Anchor,
  Button,
  Code,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { getAuthConfig, login } from "../api/session";
import { errorMessage, type FieldErrors } from "../components/errors";
import { validateEmail } from "../components/validation";
import { resetData } from "../session";

export default function LoginPage() {
  const { t } = useTranslation();
  const config = useQuery({ queryKey: ["auth-config"], queryFn: getAuthConfig, staleTime: 5 * 60_000 });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t("login.title")} · Relance`;
  }, [t]);

  async function signIn(credentials: { email: string; password: string }) {
    const next: FieldErrors = {};
    const emailError = validateEmail(credentials.email, t, true);
    if (emailError) next.email = emailError;
    if (credentials.password === "") next.password = t("validation.required");
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setFailure(null);
    setBusy(true);
    try {
      const session = await login({ email: credentials.email.trim(), password: credentials.password });
      resetData(session);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setFailure(t("login.invalid"));
      else if (e instanceof ApiError && e.status === 429) setFailure(e.message || t("login.too_many"));
      else setFailure(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void signIn({ email, password });
  }

  const demo = config.data?.demo ?? null;

  return (
    <Stack>
      {demo && (
        <Alert color="indigo" variant="light" title={t("login.demo_title")} data-testid="demo-box">
          <Text size="sm" mb="xs">
            {t("login.demo")} <Code>{demo.email}</Code> / <Code>{demo.password}</Code>
          </Text>
          <Button
            size="sm"
            loading={busy}
            onClick={() => {
              setEmail(demo.email);
              setPassword(demo.password);
              void signIn(demo);
            }}
          >
            {t("login.demo_button")}
          </Button>
        </Alert>
      )}
      <Paper withBorder p="lg" radius="md">
        <Title order={1} size="h3" mb="md">
          {t("login.title")}
        </Title>
        <form onSubmit={submit} noValidate>
          <Stack>
            {failure && (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            )}
            <TextInput
              label={t("login.email")}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
              required
            />
            <PasswordInput
              label={t("login.password")}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              required
            />
            <Button type="submit" loading={busy} fullWidth>
              {t("login.submit")}
            </Button>
          </Stack>
        </form>
      </Paper>
      {config.data?.signup_open !== false && (
        <Text size="sm" ta="center">
          {t("login.no_account")}{" "}
          <Anchor component={Link} to="/signup">
            {t("login.signup")}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

import { Box, Container, Group, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { LanguageSwitch } from "./LanguageSwitch";
import { Logo } from "./Logo";

/** Log-in, sign-up and invitation pages: a narrow column, the brand and the language switch. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0" py="xl">
      <Container size={460} px="md">
        <Group justify="space-between" mb="lg">
          <Group gap="xs">
            <Logo />
            <div>
              <Title order={2} size="h3">
                Relance
              </Title>
              <Text size="sm" c="dimmed">
                {t("app.tagline")}
              </Text>
            </div>
          </Group>
          <LanguageSwitch />
        </Group>
        <Outlet />
      </Container>
    </Box>
  );
}

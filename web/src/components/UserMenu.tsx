import { Button, Menu, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { logout } from "../api/session";
import { resetData, useSession } from "../session";

function initials(name: string): string {
  if (name.includes("@")) return (name.match(/[\p{L}\p{N}]/u)?.[0] ?? "?").toUpperCase();
  const letters = name
    .split(/\s+/)
    .map((word) => word.match(/[\p{L}\p{N}]/u)?.[0])
    .filter((c): c is string => c !== undefined);
  return ((letters[0] ?? "") + (letters[1] ?? "")).toUpperCase() || "?";
}

export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const displayName = session.user.name || session.user.email;
  const mobile = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });

  async function signOut() {
    try {
      await logout();
    } catch {
      // The session is forgotten here either way.
    }
    resetData(null);
    navigate("/login");
  }

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="gray" size="sm" aria-label={mobile ? displayName : undefined} px="xs">
          {mobile ? initials(displayName) : displayName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark" truncate>
            {displayName}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {session.user.email}
          </Text>
          {session.organization && (
            <Text size="xs" c="dimmed" truncate>
              {session.organization.name} · {t(`roles.${session.organization.role}`)}
            </Text>
          )}
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item onClick={() => void signOut()}>{t("layout.logout")}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

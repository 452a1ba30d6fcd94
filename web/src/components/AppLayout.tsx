import {
  AppShell,
  Badge,
  Burger,
  Button,
  Divider,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
} from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { PageLoader } from "../App";
import { getToday, sortToday, TODAY_KEY } from "../api/dunning";
import { useSession } from "../session";
import { LanguageSwitch } from "./LanguageSwitch";
import { Logo } from "./Logo";
import { NewOrganizationModal } from "./NewOrganizationModal";
import { NoOrganization } from "./NoOrganization";
import { OrgSwitcher } from "./OrgSwitcher";
import { UserMenu } from "./UserMenu";

const NAV = [
  { to: "/today", key: "nav.today", exact: false },
  { to: "/", key: "nav.dashboard", exact: true },
  { to: "/invoices", key: "nav.invoices", exact: false },
  { to: "/aging", key: "nav.aging", exact: false },
  { to: "/reconciliation", key: "nav.reconciliation", exact: false },
  { to: "/clients", key: "nav.clients", exact: false },
  { to: "/import", key: "nav.import", exact: false },
  { to: "/outbox", key: "nav.outbox", exact: false },
  { to: "/penalties", key: "nav.penalties", exact: false },
  { to: "/settings", key: "nav.settings", exact: false },
] as const;

/** The signed-in frame: header (organization, language, user), navigation (a drawer under `sm`), the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [navOpened, nav] = useDisclosure(false);
  const [orgModal, orgModalHandlers] = useDisclosure(false);
  const mobile = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  // How much awaits today (approvals, tasks, failures), beside "À faire aujourd'hui".
  const today = useQuery({ queryKey: TODAY_KEY, queryFn: getToday, enabled: Boolean(session.organization) });
  const todayCount = today.data ? sortToday(today.data).total : 0;

  const orgControls = (
    <>
      {session.organizations.length > 0 && <OrgSwitcher onSwitched={nav.close} />}
      <Button
        variant="light"
        size={mobile ? "sm" : "xs"}
        onClick={() => {
          nav.close();
          orgModalHandlers.open();
        }}
      >
        {t("org.new")}
      </Button>
    </>
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
      padding={{ base: "sm", sm: "lg" }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("layout.menu")}
            />
            <Link to="/" className="brand" aria-label={t("nav.dashboard")}>
              <Logo size={28} />
              <Text fw={700} size="lg" component="span">
                Relance
              </Text>
            </Link>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {!mobile && orgControls}
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t("layout.navigation")}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {NAV.map((item) => {
              const active = item.exact
                ? location.pathname === item.to
                : location.pathname === item.to || location.pathname.startsWith(`${item.to}/`);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={t(item.key)}
                  rightSection={
                    item.to === "/today" && todayCount > 0 ? (
                      <Badge size="sm" color="orange" variant="filled" data-testid="today-count">
                        {todayCount}
                      </Badge>
                    ) : undefined
                  }
                  active={active}
                  onClick={nav.close}
                  aria-current={active ? "page" : undefined}
                />
              );
            })}
          </Stack>
        </AppShell.Section>
        {mobile && (
          <AppShell.Section>
            <Divider my="sm" />
            <Stack gap="xs">{orgControls}</Stack>
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main>
        {session.organization ? (
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        ) : (
          <NoOrganization onCreate={orgModalHandlers.open} />
        )}
      </AppShell.Main>

      <NewOrganizationModal opened={orgModal} onClose={orgModalHandlers.close} />
    </AppShell>
  );
}

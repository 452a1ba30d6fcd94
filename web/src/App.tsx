import { Alert, Button, Center, Loader, Text } from "@mantine/core";
import { lazy, type ReactNode, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { setUnauthorizedHandler } from "./api/client";
import { AppLayout } from "./components/AppLayout";
import { PublicLayout } from "./components/PublicLayout";
import { hasStoredLanguage, isLang, setLanguage } from "./i18n";
import { resetData, useSessionQuery } from "./session";

const DashboardPage = lazy(() => import("./pages/Dashboard"));
const TodayPage = lazy(() => import("./pages/Today"));
const OutboxPage = lazy(() => import("./pages/Outbox"));
const ClientsPage = lazy(() => import("./pages/Clients"));
const ClientPage = lazy(() => import("./pages/Client"));
const CallSheetPage = lazy(() => import("./pages/CallSheet"));
const RecoveryPage = lazy(() => import("./pages/Recovery"));
const InvoicesPage = lazy(() => import("./pages/Invoices"));
const InvoicePage = lazy(() => import("./pages/Invoice"));
const AgingPage = lazy(() => import("./pages/Aging"));
const ImportPage = lazy(() => import("./pages/Import"));
const ReconciliationPage = lazy(() => import("./pages/Reconciliation"));
const PenaltiesPage = lazy(() => import("./pages/Penalties"));
const SettingsPage = lazy(() => import("./pages/Settings"));
const RatesPage = lazy(() => import("./pages/Rates"));
const DunningSettingsPage = lazy(() => import("./pages/DunningSettings"));
const DunningTemplatePage = lazy(() => import("./pages/DunningTemplate"));
const LoginPage = lazy(() => import("./pages/Login"));
const SignupPage = lazy(() => import("./pages/Signup"));
const InvitationPage = lazy(() => import("./pages/Invitation"));
const PortalPage = lazy(() => import("./pages/Portal"));
const NotFoundPage = lazy(() => import("./pages/NotFound"));

export function PageLoader() {
  return (
    <Center h={240}>
      <Loader aria-label="…" />
    </Center>
  );
}

function ServerDown({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md">
      <Alert color="red" title={t("errors.load_failed")} maw={420}>
        <Text size="sm" mb="sm">
          {t("errors.network")}
        </Text>
        <Button size="xs" variant="white" color="red" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      </Alert>
    </Center>
  );
}

function RequireSession({ children }: { children: ReactNode }) {
  const { data: session } = useSessionQuery();
  const location = useLocation();
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    const to = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const { data: session } = useSessionQuery();
  const location = useLocation();
  if (session) {
    const next = new URLSearchParams(location.search).get("next");
    return <Navigate to={next?.startsWith("/") && !next.startsWith("//") ? next : "/"} replace />;
  }
  return <>{children}</>;
}

export function App() {
  const sessionQuery = useSessionQuery();
  const session = sessionQuery.data;

  useEffect(() => {
    setUnauthorizedHandler(() => resetData(null));
    return () => setUnauthorizedHandler(null);
  }, []);

  // The account's language applies until the person picks one on this browser.
  const accountLocale = session?.user.locale;
  useEffect(() => {
    if (isLang(accountLocale) && !hasStoredLanguage()) void setLanguage(accountLocale, false);
  }, [accountLocale]);

  if (sessionQuery.isPending) return <PageLoader />;
  if (sessionQuery.isError) return <ServerDown onRetry={() => void sessionQuery.refetch()} />;

  return (
    <Suspense fallback={<PageLoader />}>
      <Routes>
        <Route element={<PublicLayout />}>
          <Route
            path="/login"
            element={
              <GuestOnly>
                <LoginPage />
              </GuestOnly>
            }
          />
          <Route
            path="/signup"
            element={
              <GuestOnly>
                <SignupPage />
              </GuestOnly>
            }
          />
          <Route path="/invitation/:token" element={<InvitationPage />} />
        </Route>
        {/* the client portal: public (the token is the credential), its own layout */}
        <Route path="/p/:token" element={<PortalPage />} />
        <Route
          element={
            <RequireSession>
              <AppLayout />
            </RequireSession>
          }
        >
          <Route index element={<DashboardPage />} />
          <Route path="/today" element={<TodayPage />} />
          <Route path="/outbox" element={<OutboxPage />} />
          <Route path="/clients" element={<ClientsPage />} />
          <Route path="/clients/:id" element={<ClientPage />} />
          <Route path="/clients/:id/call" element={<CallSheetPage />} />
          <Route path="/clients/:id/recovery" element={<RecoveryPage />} />
          <Route path="/invoices" element={<InvoicesPage />} />
          <Route path="/invoices/:id" element={<InvoicePage />} />
          <Route path="/aging" element={<AgingPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="/reconciliation" element={<ReconciliationPage />} />
          <Route path="/penalties" element={<PenaltiesPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/settings/rates" element={<RatesPage />} />
          <Route path="/settings/dunning" element={<DunningSettingsPage />} />
          <Route path="/settings/dunning/templates/:key/:locale" element={<DunningTemplatePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

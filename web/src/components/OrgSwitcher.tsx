import { Select } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { updateSession } from "../api/session";
import { queryClient } from "../queryClient";
import { storeSession, useSession } from "../session";
import { errorMessage } from "./errors";

/** Switches the active organization: everything cached belongs to the previous one and is refetched. */
export function OrgSwitcher({ onSwitched }: { onSwitched?: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);

  async function change(id: string | null) {
    if (!id || id === session.organization?.id) return;
    setBusy(true);
    try {
      const next = await updateSession({ organization_id: id });
      storeSession(next);
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "session" });
      // A detail page belongs to the previous organization.
      if (/^\/(clients|invoices)\/[^/]+/.test(location.pathname)) navigate("/");
      onSwitched?.();
    } catch (e) {
      notifications.show({ color: "red", message: errorMessage(e, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Select
      data-testid="org-switcher"
      aria-label={t("layout.organization")}
      placeholder={t("layout.organization")}
      value={session.organization?.id ?? null}
      onChange={(v) => void change(v)}
      data={session.organizations.map((o) => ({ value: o.id, label: o.name }))}
      allowDeselect={false}
      disabled={busy}
      w={{ base: "100%", sm: 220 }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

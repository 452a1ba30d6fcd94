import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { updateSession } from "../api/session";
import { isLang, setLanguage } from "../i18n";
import { storeSession, useSessionQuery } from "../session";

/** FR / EN: remembered in this browser and, when signed in, on the account. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { data: session } = useSessionQuery();

  async function change(value: string) {
    if (!isLang(value)) return;
    await setLanguage(value);
    if (session && session.user.locale !== value) {
      try {
        storeSession(await updateSession({ locale: value }));
      } catch {
        // The language still changes here; the account keeps its previous one.
      }
    }
  }

  return (
    <SegmentedControl
      data-testid="lang-switch"
      size="xs"
      aria-label={t("layout.language")}
      value={i18n.language === "en" ? "en" : "fr"}
      onChange={(v) => void change(v)}
      data={[
        { value: "fr", label: "FR" },
        { value: "en", label: "EN" },
      ]}
    />
  );
}

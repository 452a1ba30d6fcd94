import { useTranslation } from "react-i18next";

/** "fr" or "en", for the formatters. */
export function useLang(): "fr" | "en" {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en" : "fr";
}

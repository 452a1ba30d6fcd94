import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { setApiLanguage } from "../api/client";
import { en } from "./en";
import { fr } from "./fr";

export type Lang = "fr" | "en";
export const LANGS: readonly Lang[] = ["fr", "en"];

const STORAGE_KEY = "relance.lang";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof fr };
  }
}

export function isLang(value: unknown): value is Lang {
  return value === "fr" || value === "en";
}

function storedLanguage(): Lang | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null;
  }
}

/** True when the person chose a language on this browser (it then wins over the account's). */
export function hasStoredLanguage(): boolean {
  return storedLanguage() !== null;
}

function apply(lang: Lang): void {
  document.documentElement.lang = lang;
  setApiLanguage(lang);
}

const initial: Lang = storedLanguage() ?? "fr";
apply(initial);

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: initial,
  fallbackLng: "fr",
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on("languageChanged", (lng) => {
  if (isLang(lng)) apply(lng);
});

/** Switches the language; `remember` stores it in this browser. */
export async function setLanguage(lang: Lang, remember = true): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return isLang(i18n.language) ? i18n.language : "fr";
}

export default i18n;

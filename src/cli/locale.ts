import { DEFAULT_LOCALE, isLocale, type Locale } from "../core/messages.js";

/** The CLI's language: --lang, then RELANCE_LANG, then the POSIX locale variables; French by default. */
export function detectLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  for (const value of [flag, env.RELANCE_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    if (!value) continue;
    const lang = value.slice(0, 2).toLowerCase();
    if (isLocale(lang)) return lang;
    if (value === flag || value === env.RELANCE_LANG) break;
  }
  return DEFAULT_LOCALE;
}

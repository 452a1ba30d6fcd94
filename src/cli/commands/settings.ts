import type { Command } from "commander";
import { mailSettingsOf, SMTP_URL_ENV, setMailSettings } from "../../app/dunning/mail-settings.js";
import { AppError } from "../../app/errors.js";
import { formatMessage } from "../../core/messages.js";
import { withRuntime } from "../command.js";
import { printJson, printLine } from "../output.js";

export function registerSettings(program: Command): void {
  const settings = program
    .command("settings")
    .description("organization settings / réglages de l'entreprise");
  settings
    .command("smtp")
    .description(
      "show, set (smtp://user:pass@host:port) or remove (--clear) the SMTP server / serveur d'envoi des e-mails",
    )
    .argument("[url]", "smtp://user:password@host:port or smtps://…")
    .option("--clear", "remove it: messages stay in Relance's outbox / le supprimer")
    .action(
      withRuntime(async (rt, env, url: string | undefined, opts: { clear?: boolean }) => {
        const org = await rt.organization();
        if (url === undefined && !opts.clear) {
          const shown = mailSettingsOf(org, process.env);
          return env.json ? printJson(shown) : printLine(`${shown.source}: ${shown.url ?? "—"}`);
        }
        if (process.env[SMTP_URL_ENV]) throw new AppError("conflict", "dunning.smtp_from_environment");
        const saved = await setMailSettings({
          ctx: rt.ctx,
          org,
          userId: null,
          url: opts.clear ? null : (url ?? null),
          env: process.env,
        });
        if (env.json) return printJson(saved);
        printLine(
          saved.url
            ? formatMessage(env.locale, "dunning.smtp_saved", { url: saved.url })
            : formatMessage(env.locale, "dunning.smtp_cleared"),
        );
      }),
    );
}

import { text } from "node:stream/consumers";
import type { Command } from "commander";
import { setPassword } from "../../app/accounts/set-password.js";
import { AppError } from "../../app/errors.js";
import { formatMessage } from "../../core/messages.js";
import { withRuntime } from "../command.js";
import { printJson, printLine } from "../output.js";

export function registerUsers(program: Command): void {
  const users = program.command("users").description("user accounts / comptes utilisateurs");
  users
    .command("set-password")
    .description(
      "set a user's password, read from standard input or RELANCE_PASSWORD / définit le mot de passe d'un utilisateur",
    )
    .requiredOption("--email <email>", "the user's e-mail")
    .option("--password-stdin", "read the password from standard input (never from the command line)")
    .action(
      withRuntime(async (rt, env, opts: { email: string; passwordStdin?: boolean }) => {
        const password = opts.passwordStdin
          ? (await text(process.stdin)).replace(/\r?\n$/, "")
          : process.env.RELANCE_PASSWORD;
        if (!password) throw new AppError("invalid_input", "cli.password_missing");
        await setPassword({ ctx: rt.ctx, email: opts.email, password });
        if (env.json) printJson({ email: opts.email.trim().toLowerCase(), password_set: true });
        else
          printLine(
            formatMessage(env.locale, "cli.password_set", { email: opts.email.trim().toLowerCase() }),
          );
      }),
    );
}

import type { Command } from "commander";
import { initOrganization } from "../../app/organizations/init-organization.js";
import { formatMessage } from "../../core/messages.js";
import { withRuntime } from "../command.js";
import { printJson, printLine } from "../output.js";

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("create the database and your organization / crée la base et votre entreprise")
    .option("--name <name>", "legal name of your company", "Mon entreprise")
    .option("--email <email>", "your email (becomes the owner)")
    .option("--siren <siren>", "your SIREN or SIRET")
    .action(
      withRuntime(
        async (rt, env, opts: { name: string; email?: string; siren?: string }) => {
          const org = await initOrganization({
            ctx: rt.ctx,
            name: opts.name,
            ...(opts.email ? { email: opts.email } : {}),
            ...(opts.siren ? { siren: opts.siren } : {}),
            locale: env.locale,
          });
          if (env.json)
            printJson({ id: org.id, name: org.name, siren: org.siren, database: rt.handle.location });
          else {
            printLine(
              formatMessage(env.locale, "cli.init_done", {
                name: org.name,
                id: org.id,
                database: rt.handle.location,
              }),
            );
            if (opts.email)
              printLine(formatMessage(env.locale, "cli.init_set_password", { email: opts.email }));
          }
        },
        { create: true },
      ),
    );
}

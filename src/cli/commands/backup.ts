import { resolve } from "node:path";
import type { Command } from "commander";
import { nowIso } from "../../app/context.js";
import { formatMessage } from "../../core/messages.js";
import { withRuntime } from "../command.js";
import { filesDir } from "../files-dir.js";
import { printJson, printLine } from "../output.js";

const total = (tables: Record<string, number>) => Object.values(tables).reduce((n, c) => n + c, 0);

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} Kio` : `${(bytes / 1024 / 1024).toFixed(1)} Mio`;
}

/** `relance backup FILE` (docs/backup.md). */
export function registerBackup(program: Command): void {
  program
    .command("backup")
    .description("write an online backup of the whole database and its documents / sauvegarde à chaud")
    .argument("<file>", "the backup file to write (gzip)")
    .action(
      withRuntime(async (rt, env, file: string) => {
        const { writeBackup } = await import("../../app/backup/write-backup.js");
        const summary = await writeBackup({
          handle: rt.handle,
          filesDir: filesDir(rt.handle),
          file: resolve(file),
          at: nowIso(rt.ctx),
        });
        if (env.json) return printJson(summary);
        printLine(
          formatMessage(env.locale, "backup.done", {
            file: summary.file,
            rows: total(summary.tables),
            files: summary.files,
            size: size(summary.bytes),
          }),
        );
      }),
    );
}

/** `relance restore FILE` (docs/backup.md). */
export function registerRestore(program: Command): void {
  program
    .command("restore")
    .description("restore a backup into an empty database / restaurer une sauvegarde dans une base vide")
    .argument("<file>", "a file written by relance backup")
    .action(
      withRuntime(
        async (rt, env, file: string) => {
          const { restoreBackup } = await import("../../app/backup/restore-backup.js");
          const summary = await restoreBackup({
            handle: rt.handle,
            filesDir: filesDir(rt.handle),
            file: resolve(file),
          });
          if (env.json) return printJson(summary);
          printLine(
            formatMessage(env.locale, "backup.restored", {
              rows: total(summary.tables),
              files: summary.files,
              at: summary.made_at,
              dialect: summary.from_dialect,
            }),
          );
        },
        { create: true },
      ),
    );
}

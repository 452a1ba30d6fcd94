import type { Insertable } from "kysely";
import type { Db } from "../connect.js";
import type { MessageTemplate, MessageTemplateTable } from "../schema.js";

/** The organization's own version of a template, if it has one. */
export async function findMessageTemplate(
  db: Db,
  orgId: string,
  key: string,
  locale: string,
): Promise<MessageTemplate | undefined> {
  return db
    .selectFrom("message_template")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("key", "=", key)
    .where("locale", "=", locale)
    .executeTakeFirst();
}

export async function listMessageTemplates(db: Db, orgId: string): Promise<MessageTemplate[]> {
  return db
    .selectFrom("message_template")
    .selectAll()
    .where("organization_id", "=", orgId)
    .orderBy("key")
    .orderBy("locale")
    .execute();
}

/** Writes the organization's version of a template (one per key and locale). */
export async function upsertMessageTemplate(db: Db, row: Insertable<MessageTemplateTable>): Promise<void> {
  await db
    .insertInto("message_template")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["organization_id", "key", "locale"]).doUpdateSet({
        subject: row.subject,
        text_body: row.text_body,
        html_body: row.html_body,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteMessageTemplate(
  db: Db,
  orgId: string,
  key: string,
  locale: string,
): Promise<number> {
  const result = await db
    .deleteFrom("message_template")
    .where("organization_id", "=", orgId)
    .where("key", "=", key)
    .where("locale", "=", locale)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

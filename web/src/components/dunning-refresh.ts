import { queryClient } from "../queryClient";
import { invalidateLedger } from "./invalidate";

/** After a message, a task or a hold changed: today's list, the outbox, and the ledger (next reminders, timeline). */
export async function refreshDunning(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ["dunning", "today"] }),
    queryClient.invalidateQueries({ queryKey: ["outbox"] }),
    invalidateLedger(),
  ]);
}

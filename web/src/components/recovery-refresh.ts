import { queryClient } from "../queryClient";
import { invalidateLedger } from "./invalidate";

/** After a recovery case changed: the litigation view and cases, prescription (a filed requête moves it), timeline. */
export async function refreshRecovery(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ["recovery"] }),
    queryClient.invalidateQueries({ queryKey: ["prescription"] }),
    invalidateLedger(),
  ]);
}

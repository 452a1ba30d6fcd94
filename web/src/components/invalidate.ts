import { queryClient } from "../queryClient";

/** After a change to the ledger: the invoices (lists and details), clients, dashboard, timeline, payments. */
export async function invalidateLedger(): Promise<void> {
  await Promise.all(
    ["invoices", "clients", "dashboard", "actions", "payments", "documents"].map((key) =>
      queryClient.invalidateQueries({ queryKey: [key] }),
    ),
  );
}

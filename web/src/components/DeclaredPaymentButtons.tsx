import { Button, Group } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { confirmDeclaredPayment, rejectDeclaredPayment } from "../api/payments";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { notifySuccess, reportError } from "./errors";

/**
 * Confirm (the money arrived, the cheque is cashed: a payment allocated to the invoice) or reject (nothing arrived,
 * the cheque bounced) a declared payment — on the dashboard and on the invoice page.
 */
export function DeclaredPaymentButtons({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation();
  const allowed = useCan("payments");
  const verify = useMutation({
    mutationFn: async (answer: "confirm" | "reject"): Promise<void> => {
      if (answer === "confirm") await confirmDeclaredPayment(paymentId);
      else await rejectDeclaredPayment(paymentId);
    },
    onSuccess: async (_, answer) => {
      notifySuccess(t(answer === "confirm" ? "dashboard.declared_confirmed" : "dashboard.declared_rejected"));
      await queryClient.invalidateQueries();
    },
    onError: (err) => reportError(err, t),
  });
  if (!allowed) return null;
  return (
    <Group gap="xs" mt={4}>
      <Button
        size="xs"
        color="teal"
        loading={verify.isPending && verify.variables === "confirm"}
        disabled={verify.isPending}
        onClick={() => verify.mutate("confirm")}
      >
        {t("dashboard.declared_confirm")}
      </Button>
      <Button
        size="xs"
        variant="light"
        color="gray"
        loading={verify.isPending && verify.variables === "reject"}
        disabled={verify.isPending}
        onClick={() => verify.mutate("reject")}
      >
        {t("dashboard.declared_reject")}
      </Button>
    </Group>
  );
}

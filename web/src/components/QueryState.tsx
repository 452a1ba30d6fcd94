import { Alert, Button, Center, Loader, Text } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { errorMessage } from "./errors";

/** Loader, error (with "Réessayer") or the content of a query. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center h={200}>
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Alert
        color={notFound ? "gray" : "red"}
        title={notFound ? t("errors.not_found") : t("errors.load_failed")}
      >
        <Text size="sm" mb={notFound ? 0 : "sm"}>
          {notFound ? t("errors.not_found_text") : errorMessage(query.error, t)}
        </Text>
        {!notFound && (
          <Button size="xs" variant="white" color="red" onClick={() => void query.refetch()}>
            {t("common.retry")}
          </Button>
        )}
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}

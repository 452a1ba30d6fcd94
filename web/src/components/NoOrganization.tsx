import { Button, EmptyState } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function NoOrganization({ onCreate }: { onCreate: () => void }) {
  const { t } = useTranslation();
  return (
    <EmptyState mt="xl" title={t("org.none_title")} description={t("org.none_text")}>
      <EmptyState.Actions>
        <Button onClick={onCreate}>{t("org.new")}</Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

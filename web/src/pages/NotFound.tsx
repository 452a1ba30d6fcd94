import { Button, EmptyState } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState mt="xl" title={t("errors.page_not_found")} description={t("errors.page_not_found_text")}>
      <EmptyState.Actions>
        <Button component={Link} to="/">
          {t("nav.dashboard")}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

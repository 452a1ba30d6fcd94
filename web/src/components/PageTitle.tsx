import { Group, Title } from "@mantine/core";
import { type ReactNode, useEffect } from "react";

/** The page's heading, also the document's title. */
export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Relance`;
  }, [title]);
  return (
    <Group justify="space-between" align="center" mb="md" gap="sm">
      <Title order={1} size="h2" style={{ overflowWrap: "anywhere" }}>
        {title}
      </Title>
      {children && <Group gap="xs">{children}</Group>}
    </Group>
  );
}

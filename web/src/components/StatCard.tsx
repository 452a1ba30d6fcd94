import { Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";

export function StatCard({
  label,
  value,
  hint,
  color,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  color?: string;
  testId?: string;
}) {
  return (
    <Paper withBorder p={{ base: "sm", sm: "md" }} radius="md" data-testid={testId}>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text
        fz={{ base: 18, sm: 22, xl: 26 }}
        fw={700}
        c={color}
        mt={4}
        style={{ fontVariantNumeric: "tabular-nums", overflowWrap: "anywhere" }}
      >
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

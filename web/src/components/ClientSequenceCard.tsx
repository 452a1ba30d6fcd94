import { Anchor, Group, Paper, Select, Text, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type ClientDetail, updateClient } from "../api/clients";
import { listSequences } from "../api/dunning-settings";
import { queryClient } from "../queryClient";
import { useCan } from "../session";
import { notifySuccess, reportError } from "./errors";

const DEFAULT = "default";

/** The dunning sequence a client's invoices follow: the default for its kind, or one chosen for it. */
export function ClientSequenceCard({ client }: { client: ClientDetail }) {
  const { t } = useTranslation();
  const canDunning = useCan("dunning");
  const canClients = useCan("clients");
  const canEdit = canDunning && canClients;
  const sequences = useQuery({ queryKey: ["dunning", "sequences"], queryFn: listSequences });
  const [value, setValue] = useState(client.dunning_sequence_id ?? DEFAULT);

  const save = useMutation({
    mutationFn: (next: string) =>
      updateClient(client.id, { dunning_sequence_id: next === DEFAULT ? null : next }),
    onSuccess: async (saved) => {
      notifySuccess(t("dunning_settings.client_saved"));
      queryClient.setQueryData(["clients", "detail", client.id], saved);
      await queryClient.invalidateQueries({ queryKey: ["dunning", "sequences"] });
    },
    onError: (e) => {
      setValue(client.dunning_sequence_id ?? DEFAULT);
      reportError(e, t);
    },
  });

  const list = sequences.data?.data ?? [];
  const byDefault = list.find((s) => s.default_for_kinds.includes(client.kind));
  const options = [
    { value: DEFAULT, label: t("dunning_settings.client_default", { name: byDefault?.name ?? "—" }) },
    ...list.filter((s) => s.id !== byDefault?.id).map((s) => ({ value: s.id, label: s.name })),
  ];
  // A chosen sequence that is also the default is shown as itself.
  if (value !== DEFAULT && !options.some((o) => o.value === value) && byDefault?.id === value) {
    options.push({ value, label: byDefault.name });
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid="client-sequence">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t("dunning_settings.client_title")}
        </Title>
        <Anchor component={Link} to="/settings/dunning" size="sm">
          {t("dunning_settings.client_settings_link")}
        </Anchor>
      </Group>
      <Select
        label={t("dunning_settings.client_sequence")}
        description={t("dunning_settings.client_sequence_help")}
        data={options}
        value={value}
        allowDeselect={false}
        readOnly={!canEdit}
        disabled={sequences.isPending || save.isPending}
        onChange={(v) => {
          if (!v || v === value) return;
          setValue(v);
          save.mutate(v);
        }}
      />
      {!canEdit && (
        <Text size="xs" c="dimmed" mt="xs">
          {t("dunning_settings.client_read_only")}
        </Text>
      )}
    </Paper>
  );
}

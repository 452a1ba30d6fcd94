import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { addProcedure, type ProcedureFields, type RecoveryCase } from "../api/recovery";
import { isIsoDate } from "../format";
import { DateField } from "./DateField";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { refreshRecovery } from "./recovery-refresh";

type Started = "small_claims" | "injunction";
const ELIGIBILITY: Record<Started, string> = {
  small_claims: "small_claims",
  injunction: "injonction_de_payer",
};

/** Starts a small claim (commissaire de justice) or an injonction de payer (requête to the court) on the case. */
export function RecoveryStartForm({ kase, onDone }: { kase: RecoveryCase; onDone: () => void }) {
  const { t } = useTranslation();
  const verdict = (k: Started) => kase.view.procedures.find((p) => p.procedure === ELIGIBILITY[k]);
  const [kind, setKind] = useState<Started>(
    verdict("injunction")?.eligible === false && verdict("small_claims")?.eligible
      ? "small_claims"
      : "injunction",
  );
  const [first, setFirst] = useState("");
  const [court, setCourt] = useState(kase.view.court.name);
  const [courtAddress, setCourtAddress] = useState("");
  const [mandatee, setMandatee] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const refused = verdict(kind)?.eligible === false ? verdict(kind) : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (first !== "" && !isIsoDate(first)) {
      setErrors({ first: t("validation.date") });
      return;
    }
    setErrors({});
    const fields: ProcedureFields = {};
    if (first !== "") fields[kind === "injunction" ? "filed_on" : "sent_on"] = first;
    if (kind === "injunction") {
      // the server names the court from the debtor's address: send it only when corrected
      if (court.trim() !== "" && court.trim() !== kase.view.court.name) fields.court_name = court.trim();
      if (courtAddress.trim() !== "") fields.court_address = courtAddress.trim();
    } else if (mandatee.trim() !== "") {
      fields.mandatee_name = mandatee.trim();
    }
    setBusy(true);
    try {
      await addProcedure(kase.id, { kind, ...fields });
      notifySuccess(t("recovery.start.started"));
      await refreshRecovery();
      onDone();
    } catch (err) {
      reportError(err, t, {
        paths: {
          kind: "kind",
          filed_on: "first",
          sent_on: "first",
          court_name: "court_name",
          court_address: "court_address",
          mandatee_name: "mandatee_name",
        },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm" radius="sm" data-testid="recovery-start-form">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Title order={3} size="h5" mb="xs">
          {t("recovery.start.title")}
        </Title>
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t("recovery.start.kind")}
            </Text>
            <SegmentedControl
              value={kind}
              onChange={(v) => {
                setKind(v as Started);
                setErrors({});
              }}
              data={(["injunction", "small_claims"] as const).map((k) => ({
                value: k,
                label: t(`recovery.kinds.${k}`),
              }))}
              fullWidth
              styles={{ label: { whiteSpace: "normal" } }}
            />
          </div>
          {(refused || errors.kind) && (
            <Alert color="red" p="xs" data-testid="start-refused">
              <Text size="sm">
                <Text span fw={600} inherit>
                  {t("recovery.start.not_eligible")}
                </Text>{" "}
                {errors.kind ?? refused?.reason.message}
              </Text>
            </Alert>
          )}
          <DateField
            label={
              kind === "injunction"
                ? t("recovery.start.first_date_injunction")
                : t("recovery.start.first_date_small_claims")
            }
            description={
              kind === "injunction" ? t("recovery.date_help.filed_on") : t("recovery.start.first_date_help")
            }
            value={first}
            onChange={setFirst}
            error={errors.first}
            w={{ base: "100%", sm: 420 }}
          />
          {kind === "injunction" ? (
            <>
              <TextInput
                label={t("recovery.fields.court_name")}
                description={t("recovery.start.court_help")}
                value={court}
                onChange={(e) => setCourt(e.currentTarget.value)}
                error={errors.court_name}
                maxLength={200}
              />
              <TextInput
                label={t("recovery.fields.court_address")}
                value={courtAddress}
                onChange={(e) => setCourtAddress(e.currentTarget.value)}
                error={errors.court_address}
                maxLength={400}
              />
            </>
          ) : (
            <TextInput
              label={t("recovery.fields.mandatee_name_small_claims")}
              value={mandatee}
              onChange={(e) => setMandatee(e.currentTarget.value)}
              error={errors.mandatee_name}
              maxLength={200}
            />
          )}
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={onDone}>
              {t("recovery.actions.cancel")}
            </Button>
            <Button
              type="submit"
              size="xs"
              loading={busy}
              disabled={Boolean(refused)}
              data-testid="start-submit"
            >
              {t("recovery.start.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type HoldKind, type HoldTarget, liftHold, setHold } from "../api/dunning";
import { formatDate, isIsoDate } from "../format";
import { useCan } from "../session";
import { DateField } from "./DateField";
import { refreshDunning } from "./dunning-refresh";
import { type FieldErrors, notifySuccess, reportError } from "./errors";

export interface CurrentHold {
  kind: HoldKind | null;
  until: string | null;
  reason: string | null;
}

/** Holds that end with what set them (a payment plan, a pending bill, a recovery case): not lifted nor replaced here. */
type OwnedHold = "plan" | "bill" | "recovery";

/**
 * "État des relances" of a client (all its invoices: dispute, promise to pay, pause) or of one invoice (promise,
 * pause): the current hold, a form to set one, "Reprendre les relances"; on an invoice, its next reminder's date.
 * An invoice held by a payment plan, a pending bill of exchange or a recovery case gets neither: a line says what
 * holds it (the API refuses both, 409).
 */
export function HoldCard({
  target,
  hold,
  nextActionOn,
  today,
  clientId,
}: {
  target: HoldTarget;
  hold: CurrentHold;
  /** The invoice's next reminder (undefined on a client: not shown). */
  nextActionOn?: string | null;
  /** To tell a hold that has ended (when known). */
  today?: string;
  /** The invoice's client: a hold owned by a plan, a bill or a case links to where it is managed. */
  clientId?: string;
}) {
  const { t } = useTranslation();
  const canEdit = useCan("disputes");
  const onClient = "clients" in target;
  const kinds: HoldKind[] = onClient ? ["dispute", "promise", "manual"] : ["promise", "manual"];
  const [editing, setEditing] = useState(false);
  const [kind, setKind] = useState<HoldKind>(hold.kind && kinds.includes(hold.kind) ? hold.kind : "promise");
  const [until, setUntil] = useState(hold.until ?? "");
  const [reason, setReason] = useState(hold.reason ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    if (kind === "promise" && until === "") next.until = t("dunning.hold.until_required");
    else if (kind !== "dispute" && until !== "" && !isIsoDate(until)) next.until = t("validation.date");
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await setHold(target, {
        kind,
        until: kind === "dispute" || until === "" ? null : until,
        reason: reason.trim() === "" ? null : reason.trim(),
      });
      notifySuccess(t("dunning.hold.saved"));
      setEditing(false);
      await refreshDunning();
    } catch (err) {
      reportError(err, t, { paths: { until: "until", reason: "reason", kind: "kind" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  async function resume() {
    setBusy(true);
    try {
      await liftHold(target);
      notifySuccess(t("dunning.hold.resumed"));
      await refreshDunning();
    } catch (err) {
      reportError(err, t);
    } finally {
      setBusy(false);
    }
  }

  const ended = Boolean(today && hold.until && hold.until < today);
  const owner: OwnedHold | null =
    !onClient && (hold.kind === "plan" || hold.kind === "recovery" || (hold.kind === "bill" && !ended))
      ? hold.kind
      : null;
  const status = hold.kind
    ? hold.kind === "dispute"
      ? t("dunning.hold.dispute")
      : hold.kind === "promise"
        ? t("dunning.hold.promise", { date: formatDate(hold.until) })
        : hold.kind === "plan"
          ? t("dunning.hold.plan")
          : hold.kind === "bill"
            ? t("dunning.hold.bill", { date: formatDate(hold.until) })
            : hold.kind === "recovery"
              ? t("dunning.hold.recovery")
              : hold.until
                ? t("dunning.hold.manual", { date: formatDate(hold.until) })
                : t("dunning.hold.manual_open")
    : null;

  return (
    <Paper withBorder p="md" radius="md" data-testid="hold-card">
      <Title order={2} size="h4" mb="sm">
        {t("dunning.hold.title")}
      </Title>
      <Stack gap="sm">
        {status ? (
          <Alert color={ended ? "gray" : "orange"} p="xs" data-testid="hold-status">
            <Text size="sm" fw={500}>
              {status}
            </Text>
            {/* A plan's or a case's hold says why in its status: its reason would repeat it. */}
            {hold.reason && hold.kind !== "plan" && hold.kind !== "recovery" && (
              <Text size="sm" className="pre-wrap" style={{ overflowWrap: "anywhere" }}>
                {t("dunning.hold.reason", { reason: hold.reason })}
              </Text>
            )}
            {ended && hold.until && (
              <Text size="xs" c="dimmed">
                {t("dunning.hold.ended", { date: formatDate(hold.until) })}
              </Text>
            )}
          </Alert>
        ) : (
          <Text size="sm" data-testid="hold-status">
            {t("dunning.hold.active")}
          </Text>
        )}
        {/* While a payment plan or a recovery case holds it, no reminder is coming: no date to show. */}
        {nextActionOn !== undefined && hold.kind !== "plan" && hold.kind !== "recovery" && (
          <Text size="sm" data-testid="next-action">
            {nextActionOn
              ? t("dunning.hold.next_action", { date: formatDate(nextActionOn) })
              : t("dunning.hold.no_next_action")}
          </Text>
        )}
        {owner && (
          <Text size="sm" fw={500} data-testid="hold-held-by">
            {t(`dunning.hold.held_by.${owner}`)}{" "}
            {clientId && (
              <Anchor
                component={Link}
                to={`/clients/${encodeURIComponent(clientId)}${owner === "recovery" ? "/recovery" : ""}`}
                size="sm"
                data-testid="hold-held-by-link"
              >
                {t(`dunning.hold.held_by_link.${owner}`)}
              </Anchor>
            )}
          </Text>
        )}
        {canEdit && !owner && !editing && (
          <Group gap="xs">
            {hold.kind && (
              <Button size="xs" onClick={() => void resume()} loading={busy}>
                {t("dunning.hold.resume")}
              </Button>
            )}
            <Button size="xs" variant={hold.kind ? "default" : "light"} onClick={() => setEditing(true)}>
              {hold.kind ? t("dunning.hold.change") : t("dunning.hold.suspend")}
            </Button>
          </Group>
        )}
        {canEdit && !owner && editing && (
          <form onSubmit={submit} noValidate data-testid="hold-form">
            <Stack gap="sm">
              <Stack gap={4}>
                <Text size="sm" fw={500} id="hold-kind-label">
                  {t("dunning.hold.kind")}
                </Text>
                <SegmentedControl
                  aria-labelledby="hold-kind-label"
                  value={kind}
                  onChange={(v) => setKind(v as HoldKind)}
                  data={kinds.map((k) => ({ value: k, label: t(`dunning.hold.kinds.${k}`) }))}
                />
                <Text size="xs" c="dimmed">
                  {onClient ? t("dunning.hold.client_help") : t("dunning.hold.invoice_help")}
                </Text>
              </Stack>
              {kind !== "dispute" && (
                <DateField
                  label={t("dunning.hold.until")}
                  value={until}
                  onChange={setUntil}
                  error={errors.until}
                  required={kind === "promise"}
                  description={
                    kind === "promise"
                      ? t("dunning.hold.until_promise_help")
                      : t("dunning.hold.until_manual_help")
                  }
                  w={260}
                />
              )}
              <Textarea
                label={t("dunning.hold.note")}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={errors.reason}
                autosize
                minRows={2}
                maxLength={2000}
              />
              <Group justify="flex-end" gap="xs">
                <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                  {t("common.cancel")}
                </Button>
                <Button type="submit" size="xs" loading={busy}>
                  {t("dunning.hold.suspend")}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        {!canEdit && !owner && (
          <Text size="xs" c="dimmed">
            {t("dunning.hold.read_only")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

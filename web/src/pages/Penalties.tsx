import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Input,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { dashboardKey, getDashboard } from "../api/dashboard";
import {
  type Claim,
  computePenalties,
  type DayCount,
  type Debtor,
  type PenaltyClause,
  percentToBp,
} from "../api/law";
import { getOrganization } from "../api/organization";
import { ClaimBreakdown } from "../components/ClaimPanel";
import { DateField } from "../components/DateField";
import { errorMessage } from "../components/errors";
import { PageTitle } from "../components/PageTitle";
import { isIsoDate, parseAmount } from "../format";

interface PaymentRow {
  key: number;
  date: string;
  amount: string;
}

/** The late-payment penalties calculator (POST /law/penalties): no invoice is stored. */
export default function PenaltiesPage() {
  const { t } = useTranslation();
  const [amount, setAmount] = useState("");
  const [due, setDue] = useState("");
  // "Today" is the organization's (its time zone, the server's clock), as on the invoice pages.
  const serverToday = useQuery({ queryKey: dashboardKey, queryFn: getDashboard, staleTime: 5 * 60_000 }).data
    ?.today;
  const [asOf, setAsOf] = useState("");
  const seeded = useRef(false);
  useEffect(() => {
    if (serverToday && !seeded.current) {
      seeded.current = true;
      setAsOf((current) => (current === "" ? serverToday : current));
    }
  }, [serverToday]);
  const [clauseKind, setClauseKind] = useState<PenaltyClause["kind"]>("default");
  const [clauseRate, setClauseRate] = useState("");
  const [debtor, setDebtor] = useState<Debtor>("business");
  const [notice, setNotice] = useState("");
  const [payments, setPayments] = useState<PaymentRow[]>([]);
  const [provenCosts, setProvenCosts] = useState("");
  // The organization's day count is the default; null until the user picks one.
  const orgDayCount = useQuery({ queryKey: ["organization"], queryFn: getOrganization }).data?.day_count;
  const [pickedDayCount, setPickedDayCount] = useState<DayCount | null>(null);
  const dayCount: DayCount =
    pickedDayCount ?? (orgDayCount === "actual_actual" ? "actual_actual" : "actual_365");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Claim | null>(null);

  const mutation = useMutation({
    mutationFn: computePenalties,
    onSuccess: (claim) => setResult(claim),
    onError: () => setResult(null),
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const principal = parseAmount(amount);
    if (!principal.ok) problems.amount = t("law.invalid_amount");
    if (!isIsoDate(due)) problems.due = t("law.invalid_date");
    if (!isIsoDate(asOf)) problems.as_of = t("law.invalid_date");
    let clause: PenaltyClause = { kind: "default" };
    // A clause sets penalties between professionals; a private individual owes interest at the legal rate.
    if (clauseKind !== "default" && debtor !== "consumer") {
      const bp = percentToBp(clauseRate);
      if (bp === null || (clauseKind === "fixed" && bp === 0)) problems.clause = t("law.invalid_rate");
      else
        clause =
          clauseKind === "fixed" ? { kind: "fixed", rate_bp: bp } : { kind: "ecb_plus", points_bp: bp };
    }
    if (debtor === "consumer" && notice !== "" && !isIsoDate(notice)) problems.notice = t("law.invalid_date");
    const paid: { date: string; amount_cents: number }[] = [];
    payments.forEach((p, i) => {
      const cents = parseAmount(p.amount);
      if (!isIsoDate(p.date) || !cents.ok) problems[`payment${i}`] = t("law.invalid_payment");
      else paid.push({ date: p.date, amount_cents: cents.cents });
    });
    let provenCostsCents: number | null = null;
    if (debtor !== "consumer" && provenCosts.trim() !== "") {
      const cents = parseAmount(provenCosts);
      if (!cents.ok) problems.proven_costs = t("law.invalid_proven_costs");
      else provenCostsCents = cents.cents;
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !principal.ok) return;
    mutation.mutate({
      principal_cents: principal.cents,
      due,
      as_of: asOf,
      clause,
      debtor,
      notice_date: debtor === "consumer" && notice ? notice : null,
      payments: paid,
      day_count: dayCount,
      proven_costs_cents: provenCostsCents,
    });
  }

  return (
    <>
      <PageTitle title={t("law.page_title")} />
      <Stack gap="lg">
        <Text c="dimmed" size="sm">
          {t("law.page_help")}{" "}
          <Anchor component={Link} to="/settings/rates" size="sm">
            {t("law.rates_link")}
          </Anchor>
        </Text>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate>
              <Stack gap="sm">
                <TextInput
                  label={t("law.amount_ttc")}
                  value={amount}
                  onChange={(e) => setAmount(e.currentTarget.value)}
                  error={errors.amount}
                  required
                  inputMode="decimal"
                />
                <Group grow align="flex-start">
                  <DateField label={t("law.due")} value={due} onChange={setDue} error={errors.due} required />
                  <DateField
                    label={t("law.as_of")}
                    value={asOf}
                    onChange={setAsOf}
                    error={errors.as_of}
                    required
                  />
                </Group>
                <Input.Label mb={-8} id="debtor-label">
                  {t("law.debtor")}
                </Input.Label>
                <SegmentedControl
                  fullWidth
                  value={debtor}
                  onChange={(v) => setDebtor(v as Debtor)}
                  aria-labelledby="debtor-label"
                  data={[
                    { value: "business", label: t("law.debtor_business") },
                    { value: "consumer", label: t("law.debtor_consumer") },
                    { value: "public", label: t("law.debtor_public") },
                  ]}
                />
                {debtor !== "consumer" && (
                  <Group grow align="flex-start">
                    <Select
                      label={t("law.clause")}
                      value={clauseKind}
                      onChange={(v) => setClauseKind((v as PenaltyClause["kind"]) ?? "default")}
                      allowDeselect={false}
                      data={[
                        { value: "default", label: t("law.clause_default") },
                        { value: "fixed", label: t("law.clause_fixed") },
                        { value: "ecb_plus", label: t("law.clause_ecb_plus") },
                      ]}
                    />
                    {clauseKind !== "default" && (
                      <TextInput
                        label={clauseKind === "fixed" ? t("law.clause_rate") : t("law.clause_points")}
                        value={clauseRate}
                        onChange={(e) => setClauseRate(e.currentTarget.value)}
                        error={errors.clause}
                        inputMode="decimal"
                      />
                    )}
                  </Group>
                )}
                {debtor !== "consumer" && (
                  <TextInput
                    label={t("law.proven_costs")}
                    description={t("law.proven_costs_help")}
                    value={provenCosts}
                    onChange={(e) => setProvenCosts(e.currentTarget.value)}
                    error={errors.proven_costs}
                    inputMode="decimal"
                  />
                )}
                <Select
                  label={t("law.day_count")}
                  description={t("law.day_count_help")}
                  value={dayCount}
                  onChange={(v) => v && setPickedDayCount(v as DayCount)}
                  allowDeselect={false}
                  data={[
                    { value: "actual_365", label: t("law.day_count_actual_365") },
                    { value: "actual_actual", label: t("law.day_count_actual_actual") },
                  ]}
                />
                {debtor === "consumer" && (
                  <DateField
                    label={t("law.notice")}
                    description={t("law.notice_help")}
                    value={notice}
                    onChange={setNotice}
                    error={errors.notice}
                  />
                )}
                <Input.Label>{t("law.payments")}</Input.Label>
                {payments.map((p, i) => (
                  <Group key={p.key} align="flex-start" wrap="nowrap">
                    <DateField
                      label={t("law.payment_date")}
                      value={p.date}
                      onChange={(v) =>
                        setPayments((rows) => rows.map((r) => (r.key === p.key ? { ...r, date: v } : r)))
                      }
                      error={errors[`payment${i}`]}
                    />
                    <TextInput
                      label={t("law.payment_amount")}
                      value={p.amount}
                      inputMode="decimal"
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setPayments((rows) => rows.map((r) => (r.key === p.key ? { ...r, amount: v } : r)));
                      }}
                    />
                    <ActionIcon
                      mt={26}
                      variant="subtle"
                      color="red"
                      aria-label={t("law.remove_payment")}
                      onClick={() => setPayments((rows) => rows.filter((r) => r.key !== p.key))}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                <Group>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() =>
                      setPayments((rows) => [
                        ...rows,
                        { key: Date.now() + rows.length, date: "", amount: "" },
                      ])
                    }
                  >
                    {t("law.add_payment")}
                  </Button>
                </Group>
                <Group justify="flex-end">
                  <Button type="submit" loading={mutation.isPending}>
                    {t("law.compute")}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Paper withBorder p="md" radius="md">
              <Title order={2} size="h4" mb="sm">
                {t("law.result")}
              </Title>
              {mutation.isError && (
                <Alert color="red" p="xs">
                  <Text size="sm">{errorMessage(mutation.error, t)}</Text>
                </Alert>
              )}
              {result ? (
                <ClaimBreakdown claim={result} />
              ) : (
                !mutation.isError && (
                  <Text c="dimmed" size="sm">
                    {t("law.empty")}
                  </Text>
                )
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

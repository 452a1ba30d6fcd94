/** Messages of `relance prescription` (the prescription list). French first; `en` has the same codes. */
export const lawProceduresFr = {
  "lawproc.within_invalid": "Nombre de jours invalide : « {value} » (un entier de 0 à 3650)",
  "lawproc.prescription_none": "Aucune facture ouverte prescrite ou prescrite dans les {days} jours.",
  "lawproc.col.number": "Facture",
  "lawproc.col.client": "Client",
  "lawproc.col.balance": "Reste dû",
  "lawproc.col.due": "Échéance",
  "lawproc.col.prescription": "Prescription",
  "lawproc.col.basis": "Fondement",
  "lawproc.prescribed": "prescrite",
  "lawproc.prescription_legend":
    "Prescription : dernier jour pour agir en justice ; « prescrite » : ce jour est passé. Une relance ou une mise en demeure n'interrompt pas la prescription.",
} as const;

export const lawProceduresEn: Record<keyof typeof lawProceduresFr, string> = {
  "lawproc.within_invalid": 'Invalid number of days: "{value}" (a whole number from 0 to 3650)',
  "lawproc.prescription_none": "No open invoice prescribed or prescribed within {days} days.",
  "lawproc.col.number": "Invoice",
  "lawproc.col.client": "Client",
  "lawproc.col.balance": "Balance",
  "lawproc.col.due": "Due",
  "lawproc.col.prescription": "Prescription",
  "lawproc.col.basis": "Basis",
  "lawproc.prescribed": "prescribed",
  "lawproc.prescription_legend":
    'Prescription: the last day to go to court; "prescribed": that day has passed. A reminder or a formal notice does not interrupt prescription.',
};

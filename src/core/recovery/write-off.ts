/**
 * The note written when a case is closed as irrecoverable (passée en perte): the VAT regularisation of an
 * irrecoverable receivable. LAW.md does not state it: shipped as data with `verified: false`, shown with a warning.
 * CGI art. 272, 1: the VAT paid on a sale can be recovered when the receivable has become definitively
 * irrecoverable (e.g. the debtor's liquidation judiciaire), by a corrective invoice (avoir) sent to the debtor. Only
 * VAT already paid over: services are taxed on receipt (CGI 269, 2, c) unless the debits option; franchise en base
 * sellers charge none.
 */
export const WRITE_OFF_VAT_NOTE = {
  verified: false,
  source: "CGI art. 272, 1 ; BOI-TVA-DED-40-10-20 (à vérifier)",
  fr: "TVA (CGI art. 272, 1 — à vérifier) : la TVA collectée sur une créance devenue définitivement irrécouvrable peut être récupérée (imputée sur la déclaration) une fois le caractère irrécouvrable établi — par exemple par le jugement prononçant la liquidation judiciaire du débiteur ou l'attestation du mandataire judiciaire ; une créance seulement douteuse ou contestée ne suffit pas. Émettre une facture rectificative (avoir) adressée au débiteur, conserver les preuves, et voir avec votre expert-comptable (provision, perte sur créance). Ne concerne que la TVA déjà reversée : sur des prestations de services, la TVA n'est due qu'à l'encaissement (sauf option pour les débits), donc aucune TVA n'a été reversée sur une somme jamais encaissée ; en franchise en base (art. 293 B du CGI), il n'y a pas de TVA à régulariser.",
  en: "VAT (CGI art. 272, 1 — to verify): the VAT collected on a receivable that has become definitively irrecoverable can be recovered (deducted on the return) once it is shown to be irrecoverable — e.g. by the judgment opening the debtor's liquidation judiciaire or the liquidator's certificate; a merely doubtful or disputed receivable is not enough. Issue a corrective invoice (credit note) to the debtor, keep the proof, and check with your accountant (provision, bad-debt loss). Only VAT already paid over is concerned: on services, VAT is due on receipt (unless the debits option was chosen), so none was paid over on an amount never received; under the franchise en base (CGI art. 293 B) there is no VAT to regularise.",
} as const;

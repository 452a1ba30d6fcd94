/** Strings of the cash-flow forecast card (trésorerie) on the dashboard: French first. */
export const forecastFr = {
  title: "Trésorerie",
  subtitle: "Encaissements attendus sur {{n}} semaines",
  help: "Chaque facture ouverte est placée à la date où son client paie d'habitude (retard médian observé, fourchette du 1er au 3e quartile), pondérée selon son étape ; échéanciers et lettres de change à leurs propres dates. Les factures en recouvrement judiciaire sont à part.",
  expected: "Attendu",
  band: "Fourchette",
  week_of: "Semaine du {{date}}",
  range: "de {{low}} à {{high}}",
  total: "Total sur {{n}} semaines : {{amount}}",
  beyond: "Au-delà : {{amount}}",
  litigation: "En recouvrement judiciaire (hors prévision) : {{amount}}",
  past_title: "Prévu et encaissé, semaines passées",
  actual: "Encaissé",
  download: "Télécharger (XLSX)",
  empty: "Aucun encaissement attendu.",
};

export const forecastEn: typeof forecastFr = {
  title: "Cash flow",
  subtitle: "Receipts expected over {{n}} weeks",
  help: "Each open invoice is placed when its client usually pays (median observed delay, band from the 1st to the 3rd quartile), weighted by its stage; payment plans and bills of exchange at their own dates. Invoices in judicial recovery are kept apart.",
  expected: "Expected",
  band: "Band",
  week_of: "Week of {{date}}",
  range: "from {{low}} to {{high}}",
  total: "Total over {{n}} weeks: {{amount}}",
  beyond: "Beyond: {{amount}}",
  litigation: "In judicial recovery (not forecast): {{amount}}",
  past_title: "Forecast and received, past weeks",
  actual: "Received",
  download: "Download (XLSX)",
  empty: "No receipts expected.",
};

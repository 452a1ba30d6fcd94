declare module "@socialgouv/jours-feries" {
  /** Holidays of the year, by French name, as local-midnight Dates. */
  function joursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
  export = joursFeries;
}

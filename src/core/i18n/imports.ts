/** Messages of the imports capability (French first; `en` must have the same codes). */
export const importsFr = {} as const;

export const importsEn: Record<keyof typeof importsFr, string> = {};

/** Messages of the documents capability (French first; `en` must have the same codes). */
export const documentsFr = {} as const;

export const documentsEn: Record<keyof typeof documentsFr, string> = {};

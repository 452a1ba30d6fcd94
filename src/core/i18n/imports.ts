/** Messages of the imports, exports and dashboard capabilities (French first; `en` must have the same codes). */
export const importsFr = {
  // dashboard: today's actions
  "dashboard.action.due_today": "Échéance aujourd'hui",
  "dashboard.action.first_reminder": "Premier rappel",
  "dashboard.action.firm_reminder": "Relance ferme",
  "dashboard.action.call": "Appel",
  "dashboard.action.formal_notice": "Mise en demeure à préparer",
  // imports over HTTP
  "import.file_required": "Joignez le fichier à importer (champ « file »).",
  "import.multipart_required": "Envoyez le fichier en multipart/form-data (champ « file »).",
  "import.unsupported_file":
    "Fichier refusé : « {filename} » n'est pas un document de suivi .csv, .txt ou .xlsx (formats acceptés : CSV en UTF-8 ou Windows-1252, classeur Excel .xlsx).",
  "import.content_mismatch":
    "Fichier refusé : le contenu de « {filename} » ne correspond pas à son extension ({extension}).",
  "import.file_too_large": "Fichier trop volumineux : {max} au plus.",
  "import.unknown_field": "Champ inconnu : {field}",
  "import.invalid_dry_run": "dry_run vaut « true » ou « false ».",
  "import.unreadable": "Impossible de lire ce fichier : aucun en-tête trouvé.",
} as const;

export const importsEn: Record<keyof typeof importsFr, string> = {
  "dashboard.action.due_today": "Due today",
  "dashboard.action.first_reminder": "First reminder",
  "dashboard.action.firm_reminder": "Firm reminder",
  "dashboard.action.call": "Call",
  "dashboard.action.formal_notice": "Formal notice to prepare",
  "import.file_required": "Attach the file to import (field “file”).",
  "import.multipart_required": "Send the file as multipart/form-data (field “file”).",
  "import.unsupported_file":
    "File refused: “{filename}” is not a .csv, .txt or .xlsx tracking sheet (accepted: CSV in UTF-8 or Windows-1252, Excel .xlsx workbook).",
  "import.content_mismatch":
    "File refused: the content of “{filename}” does not match its extension ({extension}).",
  "import.file_too_large": "File too large: {max} at most.",
  "import.unknown_field": "Unknown field: {field}",
  "import.invalid_dry_run": "dry_run is “true” or “false”.",
  "import.unreadable": "Cannot read this file: no header found.",
};

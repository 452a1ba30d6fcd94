/** Messages of the documents capability (French first; `en` must have the same codes). */
export const documentsFr = {
  "document.not_found": "Document introuvable.",
  "document.file_missing": "Le fichier de ce document est introuvable sur le serveur.",
  "document.file_required": "Joignez un fichier (champ « file »).",
  "document.too_large": "Le fichier dépasse la taille maximale de {max} Mo.",
  "document.empty": "Le fichier est vide.",
  "document.type_not_allowed":
    "Type de fichier non accepté : « {extension} » (formats acceptés : PDF, PNG, JPEG, XLSX, CSV, TXT).",
  "document.content_mismatch":
    "Le contenu du fichier « {filename} » ne correspond pas à son extension : ce n'est pas un fichier {expected}. Vérifiez le fichier, ou renommez-le avec la bonne extension.",
  "document.not_text":
    "Le fichier « {filename} » n'est pas un texte lisible (UTF-8 ou Windows-1252) : est-ce un fichier binaire renommé ?",
  "document.target_required": "Rattachez le document à un client ou à une facture.",
  "document.added": "{kind} ajouté : {filename}",
  "document.removed": "{kind} supprimé : {filename}",
  "document.kind.delivery_note": "Bon de livraison",
  "document.kind.contract": "Contrat",
  "document.kind.signed_quote": "Devis signé",
  "document.kind.correspondence": "Courrier",
  "document.kind.other": "Document",
} as const;

export const documentsEn: Record<keyof typeof documentsFr, string> = {
  "document.not_found": "Document not found.",
  "document.file_missing": "The file of this document is missing on the server.",
  "document.file_required": 'Attach a file (field "file").',
  "document.too_large": "The file is larger than the limit of {max} MB.",
  "document.empty": "The file is empty.",
  "document.type_not_allowed":
    'File type not accepted: "{extension}" (accepted: PDF, PNG, JPEG, XLSX, CSV, TXT).',
  "document.content_mismatch":
    'The content of "{filename}" does not match its extension: it is not a {expected} file. Check the file, or rename it with the right extension.',
  "document.not_text":
    '"{filename}" is not readable text (UTF-8 or Windows-1252): is it a renamed binary file?',
  "document.target_required": "Attach the document to a client or an invoice.",
  "document.added": "{kind} added: {filename}",
  "document.removed": "{kind} removed: {filename}",
  "document.kind.delivery_note": "Delivery note",
  "document.kind.contract": "Contract",
  "document.kind.signed_quote": "Signed quote",
  "document.kind.correspondence": "Letter",
  "document.kind.other": "Document",
};

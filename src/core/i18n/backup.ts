/** Messages of backups (relance backup / restore, docs/backup.md) — French first; `en` has the same codes. */
export const backupFr = {
  "backup.file_missing": "Fichier de sauvegarde introuvable : {file}",
  "backup.not_a_backup": "Ce fichier n'est pas une sauvegarde Relance.",
  "backup.corrupt": "Sauvegarde illisible ou altérée (ligne {line}) : rien n'a été restauré.",
  "backup.incomplete":
    "Sauvegarde incomplète ou modifiée (sa dernière ligne ne correspond pas au contenu) : rien n'a été restauré.",
  "backup.version": "Format de sauvegarde {version} inconnu de cette version de Relance.",
  "backup.migration":
    "Sauvegarde faite au schéma {backup}, cette base est au schéma {here} : restaurez avec la version de Relance qui l'a faite.",
  "backup.target_not_empty":
    "La base de destination contient déjà des données : la restauration se fait dans une base vide.",
  "backup.unknown_table": "Table inconnue dans la sauvegarde : {table}",
  "backup.unknown_column": "Colonne inconnue dans la sauvegarde : {table}.{column}",
  "backup.file_exists": "Un document différent existe déjà à cet emplacement : {path}",
  "backup.done": "Sauvegarde écrite : {file} ({rows} lignes, {files} documents, {size})",
  "backup.restored":
    "Restauration terminée : {rows} lignes, {files} documents (sauvegarde du {at}, {dialect}).",
} as const;

export const backupEn: Record<keyof typeof backupFr, string> = {
  "backup.file_missing": "Backup file not found: {file}",
  "backup.not_a_backup": "This file is not a Relance backup.",
  "backup.corrupt": "Unreadable or damaged backup (line {line}): nothing was restored.",
  "backup.incomplete":
    "Incomplete or modified backup (its last line does not match its content): nothing was restored.",
  "backup.version": "Backup format {version} is unknown to this version of Relance.",
  "backup.migration":
    "Backup made at schema {backup}, this database is at schema {here}: restore with the Relance version that made it.",
  "backup.target_not_empty": "The target database already holds data: a restore goes into an empty database.",
  "backup.unknown_table": "Unknown table in the backup: {table}",
  "backup.unknown_column": "Unknown column in the backup: {table}.{column}",
  "backup.file_exists": "A different document already exists at this place: {path}",
  "backup.done": "Backup written: {file} ({rows} rows, {files} documents, {size})",
  "backup.restored": "Restore done: {rows} rows, {files} documents (backup of {at}, {dialect}).",
};

/**
 * Messages of the dunning settings: sequences and their steps, message templates and their preview (French first;
 * `en` has the same codes and placeholders). A template problem names its line and column.
 */
export const dunningSettingsFr = {
  "sequence.not_found": "Séquence de relance introuvable.",
  "sequence.name_taken": "Une séquence de relance s'appelle déjà « {name} ».",
  "sequence.name_length": "Le nom de la séquence doit compter de 1 à {max} caractères.",
  "sequence.steps_count": "Une séquence compte de {min} à {max} étapes (ici {count}).",
  "sequence.is_default":
    "La séquence « {name} » est la séquence par défaut de vos clients : elle ne peut pas être supprimée.",
  "sequence.in_use":
    "La séquence « {name} » est choisie pour {count} client(s) : choisissez-leur une autre séquence avant de la supprimer.",
  "sequence.step_unknown": "Étape inconnue dans cette séquence : « {id} ».",
  "sequence.step_repeated": "L'étape « {id} » apparaît deux fois.",
  "sequence.step_offset_range": "Le décalage doit être compris entre J{min} et J+{max} (ici {value}).",
  "sequence.step_offset_order":
    "Les étapes doivent être dans l'ordre des jours : J{value} ne vient pas après l'étape précédente (J{previous}).",
  "sequence.step_channel": "Canal inconnu : « {value} » (canaux possibles : {allowed}).",
  "sequence.step_tone": "Ton inconnu : « {value} » (tons possibles : {allowed}).",
  "sequence.step_template_required": "Choisissez le modèle de message de cette étape.",
  "sequence.step_template_unknown": "Modèle de message inconnu : « {value} ».",
  "sequence.step_task_kind_required":
    "Choisissez le type de tâche de cette étape (appel, règlement amiable ou judiciaire).",
  "sequence.step_task_kind_unknown": "Type de tâche inconnu : « {value} » (types possibles : {allowed}).",
  "sequence.step_label_length": "Le libellé de l'étape doit compter de 1 à {max} caractères.",
  "template_edit.not_found": "Modèle de message inconnu : « {key} » en « {locale} ».",
  "template_edit.invalid": "Le modèle contient des erreurs : rien n'a été enregistré.",
  "template_edit.unknown_variable": "Ligne {line}, colonne {column} : variable inconnue « {name} ».",
  "template_edit.unknown_filter": "Ligne {line}, colonne {column} : filtre inconnu « {name} ».",
  "template_edit.unknown_tag": "Ligne {line}, colonne {column} : balise inconnue « {name} ».",
  "template_edit.tag_not_available":
    "Ligne {line}, colonne {column} : la balise « {name} » n'est pas disponible dans les messages.",
  "template_edit.tag_not_closed": "Ligne {line}, colonne {column} : la balise {tag} n'est pas fermée.",
  "template_edit.output_not_closed": "Ligne {line}, colonne {column} : « {output} » n'est pas fermé par }}.",
  "template_edit.subject_empty": "L'objet du message est vide.",
  "template_edit.other": "Ligne {line}, colonne {column} : {message}",
} as const;

export const dunningSettingsEn: Record<keyof typeof dunningSettingsFr, string> = {
  "sequence.not_found": "Dunning sequence not found.",
  "sequence.name_taken": 'A dunning sequence is already named "{name}".',
  "sequence.name_length": "The sequence name must be 1 to {max} characters long.",
  "sequence.steps_count": "A sequence has {min} to {max} steps (here {count}).",
  "sequence.is_default": 'The sequence "{name}" is your clients\' default sequence: it cannot be deleted.',
  "sequence.in_use":
    'The sequence "{name}" is chosen for {count} client(s): give them another sequence before deleting it.',
  "sequence.step_unknown": 'Unknown step in this sequence: "{id}".',
  "sequence.step_repeated": 'The step "{id}" appears twice.',
  "sequence.step_offset_range": "The offset must be between D{min} and D+{max} (here {value}).",
  "sequence.step_offset_order":
    "Steps must follow the order of days: D{value} does not come after the previous step (D{previous}).",
  "sequence.step_channel": 'Unknown channel: "{value}" (possible channels: {allowed}).',
  "sequence.step_tone": 'Unknown tone: "{value}" (possible tones: {allowed}).',
  "sequence.step_template_required": "Choose the message template of this step.",
  "sequence.step_template_unknown": 'Unknown message template: "{value}".',
  "sequence.step_task_kind_required": "Choose the kind of task of this step (call, settlement or judicial).",
  "sequence.step_task_kind_unknown": 'Unknown kind of task: "{value}" (possible kinds: {allowed}).',
  "sequence.step_label_length": "The step label must be 1 to {max} characters long.",
  "template_edit.not_found": 'Unknown message template: "{key}" in "{locale}".',
  "template_edit.invalid": "The template has errors: nothing was saved.",
  "template_edit.unknown_variable": 'Line {line}, column {column}: unknown variable "{name}".',
  "template_edit.unknown_filter": 'Line {line}, column {column}: unknown filter "{name}".',
  "template_edit.unknown_tag": 'Line {line}, column {column}: unknown tag "{name}".',
  "template_edit.tag_not_available":
    'Line {line}, column {column}: the tag "{name}" is not available in messages.',
  "template_edit.tag_not_closed": "Line {line}, column {column}: the tag {tag} is not closed.",
  "template_edit.output_not_closed": 'Line {line}, column {column}: "{output}" is not closed by }}.',
  "template_edit.subject_empty": "The subject of the message is empty.",
  "template_edit.other": "Line {line}, column {column}: {message}",
};

/** Messages of the e-mail transport: the SMTP URL and sending failures (French first; `en` has the same codes). */
export const mailFr = {
  "smtp_url.invalid":
    "Adresse de serveur SMTP invalide : « {value} » (forme attendue : smtp://utilisateur:mot-de-passe@hôte:port ou smtps://…)",
  "smtp_url.scheme":
    "Protocole « {scheme} » non pris en charge pour l'envoi d'e-mails : utilisez smtp:// ou smtps://",
  "smtp_url.host_missing": "Adresse de serveur SMTP sans nom d'hôte : « {value} »",
  "smtp_url.port_invalid": "Port SMTP invalide : « {value} »",
  "smtp_url.password_without_user": "Un mot de passe SMTP est donné sans nom d'utilisateur",
  "smtp_url.bad_encoding":
    "Nom d'utilisateur ou mot de passe SMTP mal encodé : un « % » doit être suivi de deux chiffres hexadécimaux (écrivez %25 pour « % »)",
  "smtp_url.path_not_allowed": "L'adresse du serveur SMTP ne doit pas avoir de chemin : « {path} »",
  "smtp_url.unknown_option": "Option inconnue « {option} » dans l'adresse SMTP (option possible : starttls)",
  "smtp_url.starttls_invalid":
    "Valeur de starttls invalide : « {value} » (valeurs possibles : auto, required, never)",
  "smtp_url.starttls_with_smtps":
    "L'option starttls ne s'applique pas à smtps://, dont la connexion est chiffrée dès le départ",
  "mail.auth_failed": "Le serveur SMTP a refusé l'identifiant ou le mot de passe : {response}",
  "mail.rejected": "Le serveur SMTP a refusé définitivement le message : {response}",
  "mail.deferred": "Le serveur SMTP a refusé le message pour le moment (nouvel essai plus tard) : {response}",
  "mail.unreachable": "Serveur SMTP injoignable ({code}) : nouvel essai plus tard",
  "mail.timeout": "Le serveur SMTP n'a pas répondu à temps : nouvel essai plus tard",
  "mail.tls_required":
    "Le serveur SMTP ne propose pas de connexion chiffrée (STARTTLS) : rien n'a été envoyé, ni mot de passe ni message",
  "mail.tls_certificate":
    "Le certificat du serveur SMTP n'est pas valide ({code}) : vérifiez le nom du serveur dans l'adresse SMTP",
  "mail.no_recipient": "Message impossible à envoyer : il n'a aucun destinataire",
  "mail.invalid_address": "Message impossible à envoyer : adresse e-mail invalide « {address} »",
} as const;

export const mailEn: Record<keyof typeof mailFr, string> = {
  "smtp_url.invalid":
    'Invalid SMTP server URL: "{value}" (expected smtp://user:password@host:port or smtps://…)',
  "smtp_url.scheme": 'Unsupported protocol "{scheme}" for sending e-mail: use smtp:// or smtps://',
  "smtp_url.host_missing": 'SMTP server URL without a host name: "{value}"',
  "smtp_url.port_invalid": 'Invalid SMTP port: "{value}"',
  "smtp_url.password_without_user": "An SMTP password is given without a user name",
  "smtp_url.bad_encoding":
    'Badly encoded SMTP user name or password: a "%" must be followed by two hexadecimal digits (write %25 for "%")',
  "smtp_url.path_not_allowed": 'The SMTP server URL must not have a path: "{path}"',
  "smtp_url.unknown_option": 'Unknown option "{option}" in the SMTP URL (possible option: starttls)',
  "smtp_url.starttls_invalid": 'Invalid starttls value: "{value}" (possible values: auto, required, never)',
  "smtp_url.starttls_with_smtps":
    "The starttls option does not apply to smtps://, whose connection is encrypted from the start",
  "mail.auth_failed": "The SMTP server refused the user name or password: {response}",
  "mail.rejected": "The SMTP server permanently rejected the message: {response}",
  "mail.deferred": "The SMTP server deferred the message (it will be retried later): {response}",
  "mail.unreachable": "SMTP server unreachable ({code}): it will be retried later",
  "mail.timeout": "The SMTP server did not answer in time: it will be retried later",
  "mail.tls_required":
    "The SMTP server offers no encrypted connection (STARTTLS): nothing was sent, neither password nor message",
  "mail.tls_certificate":
    "The SMTP server's certificate is not valid ({code}): check the server name in the SMTP URL",
  "mail.no_recipient": "The message cannot be sent: it has no recipient",
  "mail.invalid_address": 'The message cannot be sent: invalid e-mail address "{address}"',
};

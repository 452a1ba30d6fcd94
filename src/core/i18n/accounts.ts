/** Messages of accounts, sessions and the HTTP edge (French first; `en` must have the same codes). */
export const accountsFr = {
  "auth.invalid_credentials": "E-mail ou mot de passe incorrect.",
  "user.not_found": "Aucun compte pour {email}.",
  "auth.invitation_account_without_password":
    "Le compte {email} n'a pas encore de mot de passe : l'administrateur du serveur doit lui en donner un (relance users set-password), puis acceptez l'invitation avec ce mot de passe.",
  "cli.password_missing":
    "Mot de passe manquant : passez-le sur l'entrée standard avec --password-stdin, ou dans RELANCE_PASSWORD.",
  "cli.password_set": "Mot de passe défini pour {email} ; ses sessions ouvertes sont fermées.",
  "cli.init_set_password":
    "Pour vous connecter à l'application web, choisissez un mot de passe : relance users set-password --email {email} --password-stdin",
  "auth.rate_limited": "Trop de tentatives. Réessayez dans {minutes} min.",
  "auth.required": "Connectez-vous pour continuer.",
  "auth.forbidden": "Votre rôle ({role}) ne permet pas cette action.",
  "auth.csrf": "Jeton de sécurité (CSRF) manquant ou invalide : rechargez la page.",
  "auth.email_taken": "Un compte existe déjà pour {email} : connectez-vous.",
  "auth.signup_closed":
    "Les inscriptions sont fermées : demandez une invitation au propriétaire de l'entreprise.",
  "auth.password_too_short": "Le mot de passe doit contenir au moins {min} caractères.",
  "auth.no_active_organization": "Choisissez d'abord une entreprise.",
  "auth.not_member": "Vous n'êtes pas membre de cette entreprise.",
  "auth.invitation_invalid": "Cette invitation n'existe pas, a déjà servi ou a expiré.",
  "auth.invitation_wrong_password":
    "Un compte existe pour {email} : saisissez son mot de passe pour accepter.",
  "auth.last_owner": "L'entreprise doit garder au moins un propriétaire.",
  "auth.already_member": "{email} est déjà membre de l'entreprise.",
  "auth.member_not_found": "Ce membre n'existe pas.",
  "auth.invitation_not_found": "Cette invitation n'existe pas ou a déjà été acceptée.",
  "organization.time_zone_invalid": "Fuseau horaire inconnu : « {value} » (par exemple Europe/Paris).",
  "organization.siret_mismatch": "Le SIRET {siret} n'appartient pas au SIREN {siren}.",
  "organization.operation_category_invalid":
    "Nature des opérations inconnue : livraisons de biens (goods), prestations de services (services) ou les deux (mixed)",
  "http.invalid_json": "Le corps de la requête n'est pas du JSON valide.",
  "http.body_too_large": "Le corps de la requête dépasse la taille maximale ({limit} octets).",
  "http.unsupported_media_type": "Type de contenu non pris en charge : {type}.",
  "http.unknown_field": "Champ inconnu : {field}",
  "http.no_route": "Aucune route {method} {path}.",
  "http.internal":
    "Erreur interne : l'opération n'a pas été faite. Réessayez ; si cela persiste, consultez le journal du serveur.",
} as const;

export const accountsEn: Record<keyof typeof accountsFr, string> = {
  "auth.invalid_credentials": "Wrong e-mail or password.",
  "user.not_found": "No account for {email}.",
  "auth.invitation_account_without_password":
    "The account {email} has no password yet: the server's administrator must give it one (relance users set-password), then accept the invitation with it.",
  "cli.password_missing": "Missing password: pipe it to --password-stdin, or set RELANCE_PASSWORD.",
  "cli.password_set": "Password set for {email}; their open sessions are closed.",
  "cli.init_set_password":
    "To sign in to the web app, choose a password: relance users set-password --email {email} --password-stdin",
  "auth.rate_limited": "Too many attempts. Try again in {minutes} min.",
  "auth.required": "Sign in to continue.",
  "auth.forbidden": "Your role ({role}) does not allow this.",
  "auth.csrf": "Missing or invalid security (CSRF) token: reload the page.",
  "auth.email_taken": "An account already exists for {email}: sign in.",
  "auth.signup_closed": "Sign-up is closed: ask the organization's owner for an invitation.",
  "auth.password_too_short": "The password must have at least {min} characters.",
  "auth.no_active_organization": "Choose an organization first.",
  "auth.not_member": "You are not a member of this organization.",
  "auth.invitation_invalid": "This invitation does not exist, has been used or has expired.",
  "auth.invitation_wrong_password": "An account exists for {email}: enter its password to accept.",
  "auth.last_owner": "The organization must keep at least one owner.",
  "auth.already_member": "{email} is already a member of the organization.",
  "auth.member_not_found": "No such member.",
  "auth.invitation_not_found": "This invitation does not exist or has already been accepted.",
  "organization.time_zone_invalid": "Unknown time zone: “{value}” (for example Europe/Paris).",
  "organization.siret_mismatch": "SIRET {siret} does not belong to SIREN {siren}.",
  "organization.operation_category_invalid":
    "Unknown nature of operations: supply of goods (goods), services (services) or both (mixed)",
  "http.invalid_json": "The request body is not valid JSON.",
  "http.body_too_large": "The request body is larger than the limit ({limit} bytes).",
  "http.unsupported_media_type": "Unsupported content type: {type}.",
  "http.unknown_field": "Unknown field: {field}",
  "http.no_route": "No route {method} {path}.",
  "http.internal": "Internal error: nothing was done. Try again; if it persists, see the server log.",
};

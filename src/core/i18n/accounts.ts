/** Messages of accounts, sessions and the HTTP edge (French first; `en` must have the same codes). */
export const accountsFr = {
  "auth.invalid_credentials": "E-mail ou mot de passe incorrect.",
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
  "http.invalid_json": "Le corps de la requête n'est pas du JSON valide.",
  "http.body_too_large": "Le corps de la requête dépasse la taille maximale ({limit} octets).",
  "http.unsupported_media_type": "Type de contenu non pris en charge : {type}.",
  "http.unknown_field": "Champ inconnu : {field}",
  "http.internal":
    "Erreur interne : l'opération n'a pas été faite. Réessayez ; si cela persiste, consultez le journal du serveur.",
} as const;

export const accountsEn: Record<keyof typeof accountsFr, string> = {
  "auth.invalid_credentials": "Wrong e-mail or password.",
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
  "http.invalid_json": "The request body is not valid JSON.",
  "http.body_too_large": "The request body is larger than the limit ({limit} bytes).",
  "http.unsupported_media_type": "Unsupported content type: {type}.",
  "http.unknown_field": "Unknown field: {field}",
  "http.internal": "Internal error: nothing was done. Try again; if it persists, see the server log.",
};

import { checkEmail } from "../../core/identifiers.js";
import { invalidFields } from "../errors.js";

/** Account e-mails are compared whole in lower case (log-in, sign-up and invitations alike). */
export function accountEmail(raw: string, path = "email"): string {
  const email = checkEmail(raw);
  if (!email.ok) {
    throw invalidFields([{ path, messageCode: email.problem.code, params: email.problem.params ?? {} }]);
  }
  return email.value.toLowerCase();
}

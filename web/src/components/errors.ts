import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import { ApiError } from "../api/client";

export type FieldErrors = Record<string, string>;

export function errorMessage(e: unknown, t: TFunction): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t("errors.network");
    if (e.status === 403) return e.message || t("errors.forbidden");
    return e.message || t("errors.generic");
  }
  return t("errors.generic");
}

/**
 * Shows a failed request: validation problems (and a conflict's problems) whose `path` names a form field (directly, or through `paths`:
 * server path → field) go on that field; everything else becomes a notification.
 */
export function reportError(
  e: unknown,
  t: TFunction,
  form?: { paths: Record<string, string>; setErrors: (errors: FieldErrors) => void },
): void {
  // 400: invalid fields; 409 naming a field of the form: a conflict on it (a number already used)
  if (
    form &&
    e instanceof ApiError &&
    (e.status === 400 || (e.status === 409 && e.validation.some((d) => form.paths[d.path])))
  ) {
    const onFields: FieldErrors = {};
    const rest: string[] = [];
    for (const d of e.validation) {
      const field = form.paths[d.path] ?? form.paths[d.path.split(".")[0] ?? ""];
      if (field && !onFields[field]) onFields[field] = d.message;
      else if (!field) rest.push(d.path ? `${d.path} : ${d.message}` : d.message);
    }
    form.setErrors(onFields);
    if (Object.keys(onFields).length > 0 && rest.length === 0) return;
    notifications.show({
      color: "red",
      title: e.message || t("errors.invalid"),
      message: rest.length > 0 ? rest.join("\n") : undefined,
      autoClose: 8000,
    });
    return;
  }
  notifications.show({ color: "red", message: errorMessage(e, t), autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: "teal", message });
}

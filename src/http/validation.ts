import type { z } from "zod";
import { AppError } from "../app/errors.js";

/** Validates a query string or body with a zod schema; a failure is a 400 with every issue in `details`. */
export function parseQuery<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(
    "invalid_input",
    "http.invalid_request",
    {},
    result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  );
}

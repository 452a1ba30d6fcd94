/** "Plomberie Martin & Fils" → "plomberie-martin-fils": for file names (ASCII letters, digits and dashes). */
export function slugify(text: string, fallback = "export", maxLength = 60): string {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return slug === "" ? fallback : slug;
}

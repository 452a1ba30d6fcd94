import { randomBytes } from "node:crypto";

/**
 * A multipart/form-data body for `inject`: text fields, then at most one file. Returns the payload and the
 * Content-Type header (with its boundary) to send with it.
 */
export function multipartBody(
  fields: Record<string, string>,
  file?: { name: string; filename: string; content: Buffer; type: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----relance${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        "utf8",
      ),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
        "utf8",
      ),
      file.content,
      Buffer.from("\r\n", "utf8"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, "utf8"));
  return {
    payload: Buffer.concat(chunks),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

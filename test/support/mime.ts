/**
 * Just enough MIME reading for tests to look inside the messages Relance sends: headers (unfolded, RFC 2047
 * words decoded on request), multipart bodies, base64 and quoted-printable parts, RFC 2231 file names.
 */

export interface MimeLeaf {
  contentType: string;
  headers: Map<string, string>;
  /** "attachment", "inline" or null when there is no Content-Disposition. */
  disposition: string | null;
  filename: string | null;
  /** Content-ID without its angle brackets. */
  cid: string | null;
  content: Buffer;
}

/** Splits a message (or a part) at its first empty line. */
export function splitEntity(raw: string): { headerBlock: string; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { headerBlock: raw, body: "" };
  return { headerBlock: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

/** Header names lowercased; folded lines unfolded; the first occurrence of a name wins. */
export function parseHeaders(headerBlock: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = headerBlock.replace(/\r?\n(?=[ \t])/g, "");
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * Decodes RFC 2047 encoded words (B and Q, any charset TextDecoder knows). The bytes of adjacent words of one
 * charset are joined before decoding, since an encoder may split a character between two words; the space
 * between two encoded words is dropped, as the RFC says.
 */
export function decodeEncodedWords(value: string): string {
  const word = /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g;
  let out = "";
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = () => {
    if (pending) out += new TextDecoder(pending.charset).decode(Buffer.concat(pending.bytes));
    pending = null;
  };
  for (let m = word.exec(value); m !== null; m = word.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(pending && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const charset = (m[1] ?? "utf-8").replace(/\*.*$/, "").toLowerCase();
    const text = m[3] ?? "";
    const bytes =
      m[2]?.toUpperCase() === "B"
        ? Buffer.from(text, "base64")
        : decodeQuotedPrintable(text.replace(/_/g, " "));
    if (pending && pending.charset !== charset) flush();
    pending ??= { charset, bytes: [] };
    pending.bytes.push(bytes);
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

export function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/** `type/subtype; a=1; b="x y"; c*=utf-8''%C3%A9` → the value lowercased and its parameters (RFC 2231 joined). */
export function parseHeaderValue(header: string): { value: string; params: Map<string, string> } {
  const [first = "", ...rest] = header.match(/(?:[^;"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
  const params = new Map<string, string>();
  const pieces = new Map<string, { index: number; text: string; encoded: boolean }[]>();
  for (const item of rest) {
    const eq = item.indexOf("=");
    if (eq < 0) continue;
    const key = item.slice(0, eq).trim().toLowerCase();
    let text = item.slice(eq + 1).trim();
    if (text.startsWith('"')) text = text.slice(1, -1).replace(/\\(.)/g, "$1");
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (!m?.[1]) continue;
    const list = pieces.get(m[1]) ?? [];
    list.push({ index: Number(m[2] ?? 0), text, encoded: m[3] === "*" });
    pieces.set(m[1], list);
  }
  for (const [name, list] of pieces) {
    list.sort((a, b) => a.index - b.index);
    let charset = "utf-8";
    const bytes: Buffer[] = [];
    for (const [i, piece] of list.entries()) {
      let text = piece.text;
      if (piece.encoded && i === 0) {
        const parts = text.split("'");
        charset = parts[0] || charset;
        text = parts.slice(2).join("'");
      }
      bytes.push(
        piece.encoded
          ? Buffer.from(
              text.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) =>
                String.fromCharCode(Number.parseInt(h, 16)),
              ),
              "latin1",
            )
          : Buffer.from(text, "utf8"),
      );
    }
    params.set(name, decodeEncodedWords(new TextDecoder(charset).decode(Buffer.concat(bytes))));
  }
  return { value: first.trim().toLowerCase(), params };
}

/** Every leaf part of a message, multiparts walked depth first, bodies decoded to bytes. */
export function mimeLeaves(raw: string): MimeLeaf[] {
  const { headerBlock, body } = splitEntity(raw);
  const headers = parseHeaders(headerBlock);
  const type = parseHeaderValue(headers.get("content-type") ?? "text/plain; charset=us-ascii");
  const boundary = type.params.get("boundary");
  if (type.value.startsWith("multipart/") && boundary) {
    return multipartBodies(body, boundary).flatMap(mimeLeaves);
  }
  const disposition = headers.has("content-disposition")
    ? parseHeaderValue(headers.get("content-disposition") ?? "")
    : null;
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const content =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, "utf8");
  return [
    {
      contentType: type.value,
      headers,
      disposition: disposition?.value ?? null,
      filename: disposition?.params.get("filename") ?? type.params.get("name") ?? null,
      cid: headers.get("content-id")?.replace(/^<|>$/g, "") ?? null,
      content,
    },
  ];
}

function multipartBodies(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join("\r\n"));
      current = line.slice(delimiter.length).startsWith("--") ? null : [];
      if (current === null) break;
    } else if (current) {
      current.push(line);
    }
  }
  return parts;
}

/** The text of a leaf in its declared charset (UTF-8 when none). */
export function leafText(leaf: MimeLeaf): string {
  const charset = parseHeaderValue(leaf.headers.get("content-type") ?? "").params.get("charset") ?? "utf-8";
  return new TextDecoder(charset).decode(leaf.content);
}

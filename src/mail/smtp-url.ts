import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { fail, ok, type Result } from "../core/result.js";

/**
 * How a plain smtp:// connection treats STARTTLS: "auto" upgrades when the server offers it, "required" fails
 * when it does not (before any password is sent), "never" stays in clear text. Absent: see `starttlsPolicy`.
 */
export type StarttlsMode = "auto" | "required" | "never";

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (smtps://, usually port 465). */
  secure: boolean;
  user: string | null;
  password: string | null;
  /** Only for smtp:// URLs that say `?starttls=`; absent means the default policy. */
  starttls?: StarttlsMode;
}

const DEFAULT_PORTS = { smtp: 587, smtps: 465 } as const;
const STARTTLS_VALUES: Record<string, StarttlsMode> = {
  auto: "auto",
  required: "required",
  never: "never",
  true: "required",
  false: "never",
};

/**
 * Reads `smtp://user:password@host:port` or `smtps://…`. The user name and password are percent-decoded; the
 * password may also hold an unencoded "@", ":" or "/" (the last "@" ends it), but a "%" must be written %25.
 */
export function parseSmtpUrl(url: string): Result<SmtpSettings> {
  const text = url.trim();
  const shown = redactSmtpUrl(text);
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!schemeMatch) return fail("smtp_url.invalid", { value: shown });
  const scheme = (schemeMatch[1] ?? "").toLowerCase();
  if (scheme !== "smtp" && scheme !== "smtps") return fail("smtp_url.scheme", { scheme });
  const secure = scheme === "smtps";

  const rest = text.slice(schemeMatch[0].length);
  const at = rest.lastIndexOf("@");
  const userinfo = at >= 0 ? rest.slice(0, at) : null;
  const afterUser = at >= 0 ? rest.slice(at + 1) : rest;
  const end = afterUser.search(/[/?#]/);
  const hostport = end >= 0 ? afterUser.slice(0, end) : afterUser;
  const tail = end >= 0 ? afterUser.slice(end) : "";

  const credentials = readUserinfo(userinfo);
  if (!credentials.ok) return credentials;
  const address = readHostPort(hostport, shown, DEFAULT_PORTS[scheme]);
  if (!address.ok) return address;

  const settings: SmtpSettings = { ...address.value, secure, ...credentials.value };
  const options = readOptions(tail);
  if (!options.ok) return options;
  if (options.value !== null) {
    if (secure) return fail("smtp_url.starttls_with_smtps");
    settings.starttls = options.value;
  }
  return ok(settings);
}

function readUserinfo(userinfo: string | null): Result<{ user: string | null; password: string | null }> {
  if (userinfo === null) return ok({ user: null, password: null });
  const colon = userinfo.indexOf(":");
  const rawUser = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const rawPassword = colon >= 0 ? userinfo.slice(colon + 1) : null;
  let user: string;
  let password: string | null;
  try {
    user = decodeURIComponent(rawUser);
    password = rawPassword === null ? null : decodeURIComponent(rawPassword);
  } catch {
    return fail("smtp_url.bad_encoding");
  }
  if (user === "") {
    if (password) return fail("smtp_url.password_without_user");
    return ok({ user: null, password: null });
  }
  return ok({ user, password: password === "" ? null : password });
}

function readHostPort(
  hostport: string,
  shown: string,
  defaultPort: number,
): Result<{ host: string; port: number }> {
  const m = /^(\[[^\]]*\]|[^:[\]]*)(?::(.*))?$/.exec(hostport);
  if (!m) return fail("smtp_url.invalid", { value: shown });
  const rawHost = m[1] ?? "";
  const rawPort = m[2];
  if (rawHost === "") return fail("smtp_url.host_missing", { value: shown });

  let host: string;
  if (rawHost.startsWith("[")) {
    host = rawHost.slice(1, -1);
    if (isIP(host) !== 6) return fail("smtp_url.invalid", { value: shown });
  } else {
    host = domainToASCII(rawHost);
    if (host === "" || !/^[a-z0-9]([a-z0-9_.-]*[a-z0-9])?$/.test(host)) {
      return fail("smtp_url.invalid", { value: shown });
    }
  }

  if (rawPort === undefined) return ok({ host, port: defaultPort });
  const port = /^\d{1,5}$/.test(rawPort) ? Number(rawPort) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) return fail("smtp_url.port_invalid", { value: rawPort });
  return ok({ host, port });
}

/** The part after the host: nothing or "/", then optionally `?starttls=…`; no other option, no fragment. */
function readOptions(tail: string): Result<StarttlsMode | null> {
  const hash = tail.indexOf("#");
  if (hash >= 0) return fail("smtp_url.path_not_allowed", { path: tail.slice(hash) });
  const q = tail.indexOf("?");
  const path = q >= 0 ? tail.slice(0, q) : tail;
  if (path !== "" && path !== "/") return fail("smtp_url.path_not_allowed", { path });
  if (q < 0) return ok(null);

  let starttls: StarttlsMode | null = null;
  for (const [name, value] of new URLSearchParams(tail.slice(q + 1))) {
    if (name !== "starttls") return fail("smtp_url.unknown_option", { option: name });
    const mode = Object.hasOwn(STARTTLS_VALUES, value.toLowerCase())
      ? STARTTLS_VALUES[value.toLowerCase()]
      : undefined;
    if (mode === undefined) return fail("smtp_url.starttls_invalid", { value });
    starttls = mode;
  }
  return ok(starttls);
}

/**
 * The URL with its password replaced by `***`, for logs and display. Works on any text, valid URL or not, so
 * that an unparsable URL can still be shown without its password.
 */
export function redactSmtpUrl(url: string): string {
  const schemeEnd = url.indexOf("://");
  const start = schemeEnd >= 0 ? schemeEnd + 3 : 0;
  const at = url.lastIndexOf("@");
  if (at < start) return url;
  const colon = url.indexOf(":", start);
  if (colon < 0 || colon > at) return url;
  return `${url.slice(0, colon + 1)}***${url.slice(at)}`;
}

/**
 * The STARTTLS policy in force: the URL's own choice, else "required" when a password would cross a
 * non-loopback network in clear text (so a server that stops offering STARTTLS cannot collect it), else "auto".
 */
export function starttlsPolicy(settings: SmtpSettings): StarttlsMode {
  if (settings.secure) return "auto";
  if (settings.starttls !== undefined) return settings.starttls;
  return settings.user !== null && !isLoopback(settings.host) ? "required" : "auto";
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
}

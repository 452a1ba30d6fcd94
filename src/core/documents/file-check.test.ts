import { describe, expect, it } from "vitest";
import { ContentScanner, checkContent, extensionOf, sanitizeFilename } from "./file-check.js";

function scan(bytes: Uint8Array, chunk = bytes.length || 1) {
  const scanner = new ContentScanner();
  for (let i = 0; i < bytes.length; i += chunk) scanner.push(bytes.subarray(i, i + chunk));
  return scanner.finish();
}

describe("sanitizeFilename", () => {
  it.each([
    ["facture.pdf", "facture.pdf"],
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ["C:\\Users\\paul\\Bon de livraison.pdf", "Bon de livraison.pdf"],
    ["a\u202Efdp.exe", "afdp.exe"],
    ["ligne\r\nSet-Cookie: x.pdf", "ligneSet-Cookie: x.pdf"],
    [".htaccess", "htaccess"],
    ["  ", "document"],
    ["dir/", "document"],
    ["Cafe\u0301.txt", "Café.txt"],
  ])("%j → %j", (raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it("keeps 200 characters and the extension", () => {
    const name = sanitizeFilename(`${"é".repeat(300)}.xlsx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith("é.xlsx")).toBe(true);
  });
});

describe("extensionOf", () => {
  it.each([
    ["a.PDF", "pdf"],
    ["archive.tar.gz", "gz"],
    ["noext", ""],
    [".hidden", ""],
    ["trailing.", ""],
  ])("%s → %j", (name, ext) => {
    expect(extensionOf(name)).toBe(ext);
  });
});

describe("ContentScanner and checkContent", () => {
  const utf8 = new TextEncoder().encode("Numéro;Échéance € ✓\r\n");

  it("reads UTF-8 split anywhere between chunks", () => {
    for (let chunk = 1; chunk <= utf8.length; chunk++) expect(scan(utf8, chunk).text).toBe("utf-8");
  });

  it("falls back to Windows-1252, and refuses control bytes, NUL and undefined Windows-1252 bytes", () => {
    expect(scan(Uint8Array.from([0x4e, 0x75, 0x6d, 0xe9, 0x72, 0x6f, 0x80])).text).toBe("windows-1252");
    expect(scan(Uint8Array.from([0x41, 0x00, 0x42])).text).toBeNull();
    expect(scan(Uint8Array.from([0x41, 0x1b, 0x42])).text).toBeNull();
    expect(scan(Uint8Array.from([0x41, 0xe9, 0x81])).text).toBeNull();
    // A UTF-8 sequence cut at the very end is not UTF-8 (but is Windows-1252 text).
    expect(scan(utf8.subarray(0, 4), 2).text).toBe("windows-1252");
  });

  it("checks signatures against the extension's type", () => {
    const pdf = scan(new TextEncoder().encode("%PDF-1.7\n..."));
    expect(checkContent("pdf", pdf, "a.pdf")).toEqual({ ok: true, value: "application/pdf" });
    expect(checkContent("png", pdf, "a.png").ok).toBe(false);
    expect(checkContent("txt", pdf, "a.txt")).toEqual({ ok: true, value: "text/plain; charset=utf-8" });
    expect(checkContent("jpeg", scan(Uint8Array.from([0xff, 0xd8, 0xff, 0xdb])), "a.jpg").ok).toBe(true);
    expect(checkContent("xlsx", scan(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14])), "a.xlsx").ok).toBe(
      true,
    );
    expect(checkContent("pdf", scan(new Uint8Array(0)), "a.pdf")).toEqual({
      ok: false,
      problem: { code: "document.empty" },
    });
    expect(checkContent("pdf", scan(new TextEncoder().encode("%PD")), "a.pdf").ok).toBe(false);
  });
});

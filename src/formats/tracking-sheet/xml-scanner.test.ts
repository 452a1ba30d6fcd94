import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeXml, parseAttributes, type XmlHandler, XmlScanner } from "./xml-scanner.js";

type Event = ["open", string, string, boolean] | ["close", string] | ["text", string];

function recorder(): { events: Event[]; handler: XmlHandler } {
  const events: Event[] = [];
  return {
    events,
    handler: {
      open: (name, attributes, selfClosing) => events.push(["open", name, attributes, selfClosing]),
      close: (name) => events.push(["close", name]),
      text: (text) => events.push(["text", text]),
    },
  };
}

function scan(pieces: readonly string[]): Event[] {
  const r = recorder();
  const s = new XmlScanner(r.handler);
  for (const p of pieces) s.write(p);
  s.end();
  return r.events;
}

function scanBytes(bytes: Buffer, cuts: readonly number[]): Event[] {
  const r = recorder();
  const s = new XmlScanner(r.handler);
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    s.writeBytes(bytes.subarray(from, cut));
    from = cut;
  }
  s.writeBytes(bytes.subarray(from));
  s.end();
  return r.events;
}

const DOCUMENT =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <tags> -->' +
  '<x:sst xmlns:x="urn:x" count="2"><x:si><x:t xml:space="preserve"> Café &amp; thé &#233;&#x20AC; </x:t></x:si>' +
  "<si><r><rPr><b/></rPr><t>a</t></r><r><t><![CDATA[<b>&amp;</b>]]></t></r><rPh><t>ﾌﾘｶﾞﾅ</t></rPh></si>" +
  "<e a='1 > 0' b=\"x/y\"/><?pi data?>😀</x:sst>\n";

describe("XmlScanner", () => {
  it("gives start tags without prefix with their raw attributes, end tags, and decoded text", () => {
    const events = scan([DOCUMENT]);
    expect(events.slice(0, 6)).toEqual([
      ["open", "sst", ' xmlns:x="urn:x" count="2"', false],
      ["open", "si", "", false],
      ["open", "t", ' xml:space="preserve"', false],
      ["text", " Café & thé é€ "],
      ["close", "t"],
      ["close", "si"],
    ]);
    expect(events).toContainEqual(["text", "<b>&amp;</b>"]); // CDATA as is
    expect(events).toContainEqual(["open", "b", "", true]);
    expect(events).toContainEqual(["open", "e", " a='1 > 0' b=\"x/y\"", true]);
    expect(events.at(-2)).toEqual(["text", "😀"]);
    expect(events.at(-1)).toEqual(["close", "sst"]);
  });

  it("gives the same events however the text or the bytes are cut into chunks", () => {
    const whole = scan([DOCUMENT]);
    const bytes = Buffer.from(DOCUMENT, "utf8");
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: DOCUMENT.length - 1 }), { maxLength: 30 }),
        (cuts) => {
          const sorted = [...cuts].sort((a, b) => a - b);
          const pieces = [0, ...sorted].map((from, i) => DOCUMENT.slice(from, sorted[i] ?? DOCUMENT.length));
          expect(scan(pieces)).toEqual(whole);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }),
        (cuts) => {
          expect(scanBytes(bytes, cuts)).toEqual(whole);
        },
      ),
    );
  });

  it("refuses truncated documents, document type declarations and text outside the root", () => {
    const bad = [
      "<a><b></b>",
      "<a",
      '<!DOCTYPE a [<!ENTITY x "y">]><a/>',
      "<a/>text",
      "",
      "</a>",
      "<a/><b/>",
    ];
    for (const doc of bad) expect(() => scan([doc]), doc).toThrow();
  });
});

describe("decodeXml and parseAttributes", () => {
  it("decodes the predefined entities and character references, and keeps unknown ones", () => {
    expect(decodeXml("&lt;a&gt; &amp;amp; &quot;&apos; &#65;&#x42; &nbsp; &#x110000;")).toBe(
      "<a> &amp; \"' AB &nbsp; &#x110000;",
    );
  });

  it("reads attributes quoted either way, with spaces around =, values decoded", () => {
    expect(parseAttributes(` r="A1" s = '2' r:id="rId&amp;1" t="a>b"`)).toEqual({
      r: "A1",
      s: "2",
      "r:id": "rId&1",
      t: "a>b",
    });
  });
});

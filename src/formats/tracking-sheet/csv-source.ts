import { createReadStream } from "node:fs";
import { CsvTokenizer, detectDelimiter } from "./csv-tokenizer.js";
import { CHUNK_SIZE, createTextDecoder, sniffEncoding } from "./encoding.js";
import { SheetInterpreter } from "./sheet.js";
import type { ReadOptions, TrackingEvent } from "./types.js";

/** Progress is reported at most once per this many bytes (and at the end). */
const PROGRESS_STEP = 1024 * 1024;

/**
 * Two streaming passes: the first decides the encoding, the second decodes 64 KiB chunks, tokenizes them
 * and yields the events of each chunk before reading the next one (memory stays flat).
 */
export async function* readCsv(
  path: string,
  totalBytes: number,
  options: ReadOptions,
): AsyncGenerator<TrackingEvent> {
  const out: TrackingEvent[] = [];
  const sniff = await sniffEncoding(path);
  if (sniff.kind === "binary") {
    new SheetInterpreter(options, out).fileError(0, "file.unreadable_encoding");
    yield* out;
    return;
  }
  const { encoding } = sniff;
  const decoder = createTextDecoder(encoding);
  let sheet: SheetInterpreter | undefined;
  let tokenizer: CsvTokenizer | undefined;
  let head = ""; // decoded text held until the header line is complete
  let first = true;

  const start = (text: string, final: boolean): void => {
    head += text;
    const delimiter = detectDelimiter(head, final);
    if (delimiter === undefined) return;
    const interpreter = new SheetInterpreter(options, out, { encoding, delimiter });
    sheet = interpreter;
    tokenizer = new CsvTokenizer(delimiter, (fields, line, unterminated) =>
      interpreter.accept(fields, line, unterminated),
    );
    const text0 = head;
    head = "";
    tokenizer.push(text0);
  };

  let bytesRead = 0;
  let reported = 0;
  const stream = createReadStream(path, { highWaterMark: CHUNK_SIZE });
  try {
    for await (const chunk of stream) {
      bytesRead += (chunk as Buffer).length;
      let text = decoder.write(chunk as Buffer);
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (tokenizer === undefined) start(text, false);
      else tokenizer.push(text);
      if (out.length > 0) {
        for (let i = 0; i < out.length; i++) yield out[i] as TrackingEvent;
        out.length = 0;
      }
      if (sheet?.failed) return;
      if (bytesRead - reported >= PROGRESS_STEP) {
        reported = bytesRead;
        yield { type: "progress", bytesRead, totalBytes };
      }
    }
  } finally {
    stream.destroy();
  }
  let tail = decoder.end();
  if (first && tail.charCodeAt(0) === 0xfeff) tail = tail.slice(1);
  if (tokenizer === undefined) start(tail, true);
  else tokenizer.push(tail);
  tokenizer?.end();
  (sheet ?? new SheetInterpreter(options, out)).finish();
  for (let i = 0; i < out.length; i++) yield out[i] as TrackingEvent;
  yield { type: "progress", bytesRead, totalBytes };
}

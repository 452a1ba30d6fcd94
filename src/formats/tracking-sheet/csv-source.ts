import { createReadStream } from "node:fs";
import { CsvTokenizer, detectDelimiter } from "./csv-tokenizer.js";
import { CHUNK_SIZE, createTextDecoder, type Sniff, sniffEncoding } from "./encoding.js";
import { checkFile, ioErrorEvent, isIoError } from "./file.js";
import { fileErrorEvent, SheetInterpreter } from "./sheet.js";
import type { ReadOptions, TrackingEvent } from "./types.js";

/** Read 1 MiB at a time (fewer round trips to the thread pool), decode 64 KiB at a time (see CHUNK_SIZE). */
const READ_SIZE = 1024 * 1024;
/** Progress is reported at most once per this many bytes (and at the end). */
const PROGRESS_STEP = 1024 * 1024;

/**
 * Two streaming passes: the first decides the encoding (sniffEncoding), the second decodes, tokenizes and
 * yields the events of each 64 KiB before decoding the next (memory stays flat, rows die young).
 */
export async function* readCsv(path: string, options: ReadOptions): AsyncGenerator<TrackingEvent> {
  const { locale } = options;
  const size = await checkFile(path, locale);
  if (typeof size !== "number") {
    yield size;
    return;
  }
  const totalBytes = size;
  let sniff: Sniff;
  try {
    sniff = await sniffEncoding(path);
  } catch (e) {
    yield ioErrorEvent(path, locale, e);
    return;
  }
  if (sniff.kind === "binary") {
    yield fileErrorEvent(locale, "file.unreadable_encoding");
    return;
  }

  const { encoding } = sniff;
  const out: TrackingEvent[] = [];
  const decoder = createTextDecoder(encoding);
  let sheet: SheetInterpreter | undefined;
  let tokenizer: CsvTokenizer | undefined;
  let head = ""; // decoded text held until the header line is complete
  let first = true;

  const feed = (text: string, final: boolean): void => {
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (tokenizer !== undefined) {
      tokenizer.push(text);
      return;
    }
    head += text;
    const delimiter = detectDelimiter(head, final);
    if (delimiter === undefined) return;
    const interpreter = new SheetInterpreter(options, out, { encoding, delimiter });
    sheet = interpreter;
    tokenizer = new CsvTokenizer(delimiter, (fields, line, unterminated) =>
      interpreter.accept(fields, line, unterminated),
    );
    tokenizer.push(head);
    head = "";
  };

  let bytesRead = 0;
  let reported = 0;
  const stream = createReadStream(path, { highWaterMark: READ_SIZE });
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      bytesRead += buf.length;
      for (let at = 0; at < buf.length; at += CHUNK_SIZE) {
        feed(decoder.write(buf.subarray(at, Math.min(buf.length, at + CHUNK_SIZE))), false);
        // drained every 64 KiB: few rows are alive at once, and they die young (cheap for the GC)
        if (out.length > 0) {
          for (let i = 0; i < out.length; i++) yield out[i] as TrackingEvent;
          out.length = 0;
        }
        if (sheet?.failed) return;
      }
      if (bytesRead - reported >= PROGRESS_STEP) {
        reported = bytesRead;
        yield { type: "progress", bytesRead, totalBytes };
      }
    }
  } catch (e) {
    if (!isIoError(e)) throw e; // a bug, not bad input
    yield ioErrorEvent(path, locale, e);
    return;
  } finally {
    stream.destroy();
  }
  feed(decoder.end(), true);
  tokenizer?.end();
  if (sheet === undefined) out.push(fileErrorEvent(locale, "file.empty"));
  else sheet.finish();
  for (let i = 0; i < out.length; i++) yield out[i] as TrackingEvent;
  yield { type: "progress", bytesRead, totalBytes };
}

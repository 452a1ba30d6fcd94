import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type ContentFacts, ContentScanner } from "../../core/documents/file-check.js";
import { newId } from "../../db/ids.js";

/**
 * Uploaded documents on disk: `<filesDir>/<organization id>/<uuid>`. The stored name is always a new id, never
 * anything the user sent. A file is first written to a temporary name in the same folder, hashed and scanned as it
 * streams, then renamed into place (atomic) once it has been accepted.
 */

/** Only names we generate (UUIDs) ever reach a path. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

function segment(value: string): string {
  if (!SAFE_SEGMENT.test(value)) throw new Error(`unsafe storage path segment: ${JSON.stringify(value)}`);
  return value;
}

export function organizationDir(filesDir: string, orgId: string): string {
  return join(filesDir, segment(orgId));
}

export function storedFilePath(filesDir: string, orgId: string, storageKey: string): string {
  return join(organizationDir(filesDir, orgId), segment(storageKey));
}

/** A file received and written to a temporary name, not yet a document. */
export interface StagedFile {
  dir: string;
  tempPath: string;
  size: number;
  sha256: string;
  /** The stream stopped at the size limit. */
  truncated: boolean;
  facts: ContentFacts;
}

/** Writes the stream to a temporary file of the organization's folder (created on demand), hashing it. */
export async function stageFile(options: {
  filesDir: string;
  orgId: string;
  stream: Readable & { truncated?: boolean };
}): Promise<StagedFile> {
  const dir = organizationDir(options.filesDir, options.orgId);
  await mkdir(dir, { recursive: true });
  const tempPath = join(dir, `.${newId()}.part`);
  const hash = createHash("sha256");
  const scanner = new ContentScanner();
  const observe = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      scanner.push(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(
      options.stream,
      observe,
      createWriteStream(tempPath, { flags: "wx", mode: 0o600, flush: true }),
    );
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  const facts = scanner.finish();
  return {
    dir,
    tempPath,
    size: facts.size,
    sha256: hash.digest("hex"),
    truncated: options.stream.truncated === true,
    facts,
  };
}

/** Moves an accepted file into place under a new id (its storage key); returns the key and the final path. */
export async function commitStagedFile(staged: StagedFile): Promise<{ storageKey: string; path: string }> {
  const storageKey = newId();
  const path = join(staged.dir, storageKey);
  await rename(staged.tempPath, path);
  return { storageKey, path };
}

/** Removes a staged file if it is still there (after a refusal or a failure; harmless after a commit). */
export async function discardStagedFile(staged: StagedFile): Promise<void> {
  await rm(staged.tempPath, { force: true });
}

export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

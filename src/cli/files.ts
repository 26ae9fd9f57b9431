/**
 * Reading the files the command line is given (a plan, a usage export): regular files only, and
 * never more than a limit, counted while reading. `stat().size` cannot be the cap: it is 0 for
 * devices, pipes and many special files, so `/dev/zero` would be read until memory runs out and a
 * FIFO with no writer would block forever. The file is opened without blocking, checked on the open
 * descriptor (so it cannot be swapped between the check and the read) and read in chunks up to the
 * limit.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";

/** A file that cannot be read, as one sentence for the user: exit code 2. */
export class FileReadError extends Error {
  override readonly name = "FileReadError";
}

const CHUNK_BYTES = 1024 * 1024;

/** "1 MB", "50 MB", "512 KB": a limit as people read it. */
function sizeText(bytes: number): string {
  if (bytes >= 1_000_000 && bytes % 1_000_000 === 0) return `${bytes / 1_000_000} MB`;
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The bytes of a regular file, at most `maxBytes` of them. `what` names the file in messages
 * ("the plan"), `shown` is its name as the user typed it, already made printable.
 */
export async function readBoundedFile(path: string, shown: string, what: string, maxBytes: number): Promise<Buffer> {
  const cannot = (why: string) => new FileReadError(`cannot read ${what} "${shown}": ${why}.`);
  let file;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
    file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw cannot(openFailure(e));
  }
  try {
    const info = await file.stat();
    if (info.isDirectory()) throw cannot("it is a folder");
    if (!info.isFile()) throw cannot("it is not a regular file (a device, a pipe or a socket)");
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const room = maxBytes + 1 - total;
      const { bytesRead, buffer } = await file.read({ buffer: Buffer.alloc(Math.min(CHUNK_BYTES, room)), position: null });
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw cannot(`larger than ${sizeText(maxBytes)}, the most that is read`);
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof FileReadError) throw e;
    throw cannot(openFailure(e));
  } finally {
    await file.close();
  }
}

function openFailure(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "no permission to read it";
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
      return "part of its path is a file, not a folder";
    case "ENAMETOOLONG":
      return "the name is too long";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

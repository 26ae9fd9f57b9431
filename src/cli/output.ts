/**
 * Writing the workbook file safely: the bytes go to a temporary file in the target's folder, are
 * flushed to disk, and only then take the target's name. An interrupted run leaves no half file
 * (the temporary file is removed on failure, Ctrl+C or SIGTERM); without --force an existing file
 * is never replaced, not even by a race (the name is taken with link(), which fails if it exists).
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, link, open, rename, stat, unlink } from "node:fs/promises";
import { unlinkSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** A failure to show the user as it is: one sentence, no stack. */
export class OutputError extends Error {
  override readonly name = "OutputError";
}

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** What an operating-system error means for the file being written. */
export function describeWriteError(e: unknown, target: string): string {
  const folder = dirname(target);
  switch (errno(e)) {
    case "ENOENT":
      return `cannot write "${target}": the folder "${folder}" does not exist.`;
    case "ENOTDIR":
      return `cannot write "${target}": part of the path "${folder}" is a file, not a folder.`;
    case "EACCES":
    case "EPERM":
      return `cannot write "${target}": no permission to write in the folder "${folder}".`;
    case "EROFS":
      return `cannot write "${target}": the folder "${folder}" is on a read-only file system.`;
    case "ENOSPC":
    case "EDQUOT":
      return `cannot write "${target}": the disk is full.`;
    case "EISDIR":
      return `cannot write "${target}": it is a folder.`;
    case "ENAMETOOLONG":
      return `cannot write "${target}": the file name is too long.`;
    default:
      return `cannot write "${target}": ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Checks, before any work is done, that the target can be written: its folder exists and is
 * writable, and it is not an existing file (unless `overwrite`) or a folder.
 */
export async function checkTarget(target: string, overwrite: boolean): Promise<void> {
  const folder = dirname(target);
  let info;
  try {
    info = await stat(folder);
  } catch (e) {
    throw new OutputError(describeWriteError(e, target));
  }
  if (!info.isDirectory()) throw new OutputError(`cannot write "${target}": "${folder}" is a file, not a folder.`);
  try {
    await access(folder, constants.W_OK);
  } catch (e) {
    throw new OutputError(describeWriteError(e, target));
  }
  let existing;
  try {
    existing = await stat(target);
  } catch (e) {
    if (errno(e) === "ENOENT") return;
    throw new OutputError(describeWriteError(e, target));
  }
  if (existing.isDirectory()) throw new OutputError(`cannot write "${target}": it is a folder.`);
  if (!overwrite) throw new OutputError(`"${target}" already exists; add --force to replace it.`);
}

/** Temporary files of writes in progress, removed if the process is interrupted. */
const pending = new Set<string>();
let handlersInstalled = false;

function removePending(): void {
  for (const tmp of pending) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone.
    }
  }
  pending.clear();
}

function installInterruptHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
    process.on(signal, () => {
      removePending();
      process.exit(code);
    });
  }
  process.on("exit", removePending);
}

const LINK_UNSUPPORTED = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/** Writes the bytes to `target` atomically; replaces an existing file only when `overwrite`. */
export async function writeFileAtomic(target: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  const path = resolve(target);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  installInterruptHandlers();
  pending.add(tmp);
  try {
    const file = await open(tmp, "wx", 0o644);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    if (overwrite) {
      await rename(tmp, path);
    } else {
      await claimName(tmp, path, target);
    }
    pending.delete(tmp);
    await syncFolder(dirname(path));
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    pending.delete(tmp);
    if (e instanceof OutputError) throw e;
    throw new OutputError(describeWriteError(e, target));
  }
}

/** Gives the temporary file the target's name unless the target exists by now. */
async function claimName(tmp: string, path: string, shown: string): Promise<void> {
  try {
    await link(tmp, path);
  } catch (e) {
    if (errno(e) === "EEXIST") throw new OutputError(`"${shown}" already exists; add --force to replace it.`);
    if (!LINK_UNSUPPORTED.has(errno(e) ?? "")) throw e;
    // A file system without hard links: check, then rename (a narrow race, but no half file).
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new OutputError(`"${shown}" already exists; add --force to replace it.`);
    await rename(tmp, path);
    return;
  }
  // The target has its name; a leftover temporary name is harmless and removed on exit.
  await unlink(tmp).catch(() => undefined);
}

/** Flushes the folder entry of the renamed file, where the platform allows it. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const dir = await open(folder, "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Not supported everywhere (Windows); the file itself is already on disk.
  }
}

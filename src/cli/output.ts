/**
 * Writing the workbook file safely: the bytes go to a temporary file in the target's folder, are
 * flushed to disk, and only then take the target's name. An interrupted run leaves no half file
 * (the temporary file is removed on failure, Ctrl+C or SIGTERM, and a run killed outright, where no
 * handler runs, leaves one that the next run in that folder removes); without --force an existing
 * file is never replaced, not even by a race (the name is taken with link(), which fails if it
 * exists); with --force the replaced file's permissions are kept (a chmod 600 budget stays 600).
 *
 * Why not write-file-atomic (npm's own, 5.x)? It keeps the mode too, but its temporary file is
 * `<target>.<hash>`: 11 characters longer than the target, so a valid 245-character name fails
 * with ENAMETOOLONG, and after a kill -9 it cannot be told from a file of the user's, so it could
 * never be cleaned up; and it has no create-only mode for "never replace without --force". Here
 * the temporary name has a fixed length and says whose it is: `.ai-token-planner-<host>-<pid>-<random>.tmp`.
 */
import { createHash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, chmod, link, open, readdir, rename, stat, unlink } from "node:fs/promises";
import { unlinkSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { quotedText } from "../core/message-text";

/** A failure to show the user as it is: one sentence, no stack. */
export class OutputError extends Error {
  override readonly name = "OutputError";
}

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** What an operating-system error means for the file being written. */
function describeWriteError(e: unknown, target: string): string {
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
  const badName = fileNameProblem(target);
  if (badName) throw new OutputError(badName);
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
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const) {
    process.on(signal, () => {
      removePending();
      process.exit(code);
    });
  }
  process.on("exit", removePending);
}

const LINK_UNSUPPORTED = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/** The longest file name (in bytes, as the file system stores it) on Linux, macOS and Windows. */
const NAME_MAX_BYTES = 255;

/**
 * A file name as the file system will store it, or the reason it cannot be used: Windows (and
 * Explorer on any share) drops a trailing space or dot, so `"budget.xlsx "` would be written as a
 * different name than the one asked for, or not at all.
 */
function fileNameProblem(target: string): string | undefined {
  const name = basename(target);
  const shown = `"${quotedText(target)}"`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return `cannot write ${shown}: the file name holds a control character.`;
  if (/[ .]$/.test(name)) return `cannot write ${shown}: the file name ends in a ${name.endsWith(".") ? "dot" : "space"}, which file systems drop or refuse.`;
  if (/^\s/.test(name)) return `cannot write ${shown}: the file name starts with a space.`;
  if (Buffer.byteLength(name, "utf8") > NAME_MAX_BYTES) return `cannot write ${shown}: the file name is longer than ${NAME_MAX_BYTES} bytes.`;
  return undefined;
}

/** Temporary files of this program: `.ai-token-planner-<host>-<pid>-<random>.tmp`. */
const TEMP_PREFIX = ".ai-token-planner-";
const HOST = createHash("sha256").update(hostname()).digest("hex").slice(0, 6);
const TEMP_NAME = /^\.ai-token-planner-([0-9a-f]{6})-(\d+)-[0-9a-f]{8}\.tmp$/;

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === "EPERM"; // alive, someone else's
  }
};

/**
 * Removes temporary files that earlier runs on this machine left in `folder` when they were killed
 * outright (kill -9, a power cut): files of this program whose process no longer runs. Files of
 * runs still going, or of other machines sharing the folder, are left alone.
 */
export async function removeStaleTemporaries(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || m[1] !== HOST || Number(m[2]) === process.pid || isRunning(Number(m[2]))) continue;
    try {
      await unlink(join(folder, name));
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** Writes the bytes to `target` atomically; replaces an existing file only when `overwrite`, keeping its permissions. */
export async function writeFileAtomic(target: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  const path = resolve(target);
  const badName = fileNameProblem(path);
  if (badName) throw new OutputError(badName);
  await removeStaleTemporaries(dirname(path));
  const tmp = join(dirname(path), `${TEMP_PREFIX}${HOST}-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  installInterruptHandlers();
  pending.add(tmp);
  try {
    // 0o666 less the umask, as any new file; a replaced file's own permissions are applied below.
    const file = await open(tmp, "wx", 0o666);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    if (overwrite) {
      const replaced = await stat(path).catch(() => undefined);
      if (replaced) await chmod(tmp, replaced.mode & 0o7777);
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

/**
 * The one way a message reaches a person: every error, warning or status line the command line
 * prints or the pane shows passes `safeMessage`. Text in messages often comes from people and files
 * (a field name in a plan, a file name, a cell of an export), so a message may hold terminal escape
 * sequences, line breaks or direction overrides. Here each such character is written as a visible
 * escape (ESC as \x1B, a line feed as \n), so a message is one line that cannot move a cursor,
 * clear a screen, retitle a window or reorder what it says, and it is cut to a length a person reads.
 */

/** The longest message shown, in characters (UTF-16 code units), the ellipsis included. */
export const MESSAGE_MAX = 500;

/**
 * Control characters (C0, DEL, C1), the line and paragraph separators, and the bidirectional
 * embeddings, overrides and isolates: characters a terminal or a page acts on rather than shows.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** One unsafe character as a visible escape: \n, \r, \t, \x1B, \u202E. */
function escape(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** A message fit to show: unsafe characters escaped, on one line, at most `max` characters. */
export function safeMessage(text: string, max: number = MESSAGE_MAX): string {
  // Cut before escaping too, so a huge text costs no more than the part that is shown.
  const head = text.length > max * 2 ? text.slice(0, max * 2) : text;
  const escaped = head.replace(UNSAFE, escape);
  if (escaped.length <= max && head.length === text.length) return escaped;
  let end = Math.min(escaped.length, max - 1);
  // Never split a surrogate pair or an escape.
  const code = escaped.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  const lastEscape = escaped.lastIndexOf("\\", end - 1);
  if (
    lastEscape >= 0 &&
    lastEscape > end - 6 &&
    /^\\(x[0-9A-F]{2}|u[0-9A-F]{4}|[nrt])/.test(escaped.slice(lastEscape)) &&
    lastEscape + escapeLength(escaped, lastEscape) > end
  )
    end = lastEscape;
  return `${escaped.slice(0, end)}…`;
}

function escapeLength(text: string, at: number): number {
  const kind = text[at + 1];
  return kind === "x" ? 4 : kind === "u" ? 6 : 2;
}

/** Text from a person or a file, to quote inside a message: the same escapes, no length cap of its own. */
export const quotedText = (text: string): string => text.replace(UNSAFE, escape);

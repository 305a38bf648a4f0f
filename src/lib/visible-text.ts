/**
 * Raw text from the user's files, made harmless to show. A file may carry
 * terminal escapes (ESC [ 2 J clears the screen), a bell, a carriage return
 * that overwrites the line, or a right-to-left override (U+202E) that makes
 * "gpj.exe" read as "exe.jpg". The CLI strips them (`terminalText`); the page
 * shows them as visible escapes like `\u202E` (`visibleText`), so what a
 * reader sees is what the file holds.
 */

// C0 controls but tab and line feed, DEL, C1 controls, and the invisible direction marks, embeddings,
// overrides and isolates. Tab and line feed are text: a quoted field may hold them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// Whole terminal escape sequences: CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-byte escapes.
// eslint-disable-next-line no-control-regex -- as above: these sequences start with ESC
const ESCAPE = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -~]?)/g;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** `text` with every hidden or controlling character written out as `\uXXXX`, for the page. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN, escaped);
}

/** `text` without terminal escape sequences and hidden or controlling characters, for the terminal. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE, '').replace(HIDDEN, '');
}

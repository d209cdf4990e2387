/**
 * Text from a file, made fit for an error message: short, and on one printable line. Files carry names and
 * values of any length and with any characters (a newline in a column name, an escape sequence in an archive
 * member's name, a 60 KB dtype string); the CLI prints a message as one line on a terminal.
 *
 * @module
 */

/** Longest piece of file text a message quotes. */
const MAX_CHARS = 60;

/**
 * `text` as a JSON string literal, cut at `max` characters (with `…`), with every control character escaped:
 * JSON escapes U+0000–U+001F, and DEL and the C1 controls (U+007F–U+009F) are escaped here too.
 *
 * @example
 * quoted('a\nb'); // '"a\\nb"'
 */
export function quoted(text: string, max = MAX_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** True when `text` is short printable ASCII that can appear in a message as is. */
export function isPlain(text: string, max = MAX_CHARS): boolean {
  return text.length <= max && /^[\x20-\x7e]*$/.test(text);
}

/**
 * `text` as is when it is short printable ASCII, else {@link quoted}: for names that messages show bare,
 * e.g. `column 2 (b)`.
 *
 * @example
 * printable('label'); // 'label'
 * printable('a\nb'); // '"a\\nb"'
 */
export function printable(text: string, max = MAX_CHARS): string {
  return isPlain(text, max) ? text : quoted(text, max);
}

/**
 * A JSON-like preview of any value for a message, cut at `max` characters. Unlike `JSON.stringify` it stops
 * as soon as it has enough text, so a 100 MB array costs nothing, and it stops at depth 8, so a value nested
 * 100,000 levels deep (which `JSON.parse` builds happily) cannot overflow the stack. Strings are
 * {@link quoted}; NaN and ±Infinity are shown as such.
 *
 * @example
 * preview({ shape: [3, 'x'] }); // '{"shape":[3,"x"]}'
 * preview(new Array(1e6).fill(0), 10); // '[0,0,0,0,0…'
 */
export function preview(value: unknown, max = MAX_CHARS): string {
  let out = '';
  const emit = (s: string): boolean => {
    out += s;
    return out.length <= max;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (typeof v === 'string') return emit(quoted(v, max));
    if (typeof v === 'bigint') return emit(`${v}n`);
    if (v === null || typeof v !== 'object') return emit(typeof v === 'function' ? 'a function' : String(v));
    if (depth >= 8) return emit('…');
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return emit(`a ${v.constructor.name}`);
    if (Array.isArray(v)) {
      if (!emit('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if ((i > 0 && !emit(',')) || !walk(v[i], depth + 1)) return false;
      }
      return emit(']');
    }
    if (!emit('{')) return false;
    let first = true;
    for (const key of Object.keys(v)) {
      if ((!first && !emit(',')) || !emit(`${quoted(key, max)}:`)) return false;
      first = false;
      if (!walk((v as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return emit('}');
  };
  walk(value, 0);
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/**
 * Text that is already a message (e.g. an engine's parse error that quotes the file) made one printable line:
 * control characters escaped as `\uXXXX`, cut at `max` characters.
 */
export function singleLine(text: string, max = 200): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  let out = '';
  for (const c of cut) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

/**
 * A parser for the small subset of Python literals a `.npy` header uses: dicts, tuples, lists, strings,
 * integers, `True`/`False`/`None`. It never evaluates anything, and refuses everything else.
 *
 * @module
 */

/** A parsed literal: tuples and lists both become arrays. */
export type PythonLiteral =
  | string
  | number
  | boolean
  | null
  | PythonLiteral[]
  | { [key: string]: PythonLiteral };

/** Thrown with the position of the first character that does not fit. */
export class PythonLiteralError extends Error {}

const MAX_DEPTH = 16;

/**
 * Parses one literal that spans the whole text (surrounding whitespace allowed).
 *
 * @throws {PythonLiteralError} anything outside the subset, or trailing text
 * @example
 * parsePythonLiteral("{'descr': '<f8', 'fortran_order': False, 'shape': (5, 2), }");
 * // { descr: '<f8', fortran_order: false, shape: [5, 2] }
 */
export function parsePythonLiteral(text: string): PythonLiteral {
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new PythonLiteralError(`${what} at character ${i}`);
  };
  const sequence = (close: string, depth: number): PythonLiteral[] => {
    const items: PythonLiteral[] = [];
    for (;;) {
      skip();
      if (text[i] === close) {
        i++;
        return items;
      }
      items.push(value(depth + 1));
      skip();
      if (text[i] === ',') i++;
      else if (text[i] !== close) fail(`expected ',' or '${close}'`);
    }
  };
  const string = (): string => {
    const quote = text[i]!;
    i++;
    let out = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        i++;
        const c = text[i];
        out += c === 'n' ? '\n' : c === 't' ? '\t' : (c ?? '');
      } else out += text[i];
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    return out;
  };
  const value = (depth: number): PythonLiteral => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: { [key: string]: PythonLiteral } = {};
      for (;;) {
        skip();
        if (text[i] === '}') {
          i++;
          return out;
        }
        const k = value(depth + 1);
        if (typeof k !== 'string') fail('expected a string key');
        skip();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        // A plain assignment of the key '__proto__' would replace the dict's prototype (so a header could
        // hide 'descr' in an inherited object); defining the property keeps every key an own entry.
        Object.defineProperty(out, k as string, {
          value: value(depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail("expected ',' or '}'");
      }
    }
    if (c === '(') {
      i++;
      return sequence(')', depth);
    }
    if (c === '[') {
      i++;
      return sequence(']', depth);
    }
    if (c === "'" || c === '"') return string();
    const word = /^(True|False|None|[+-]?\d+L?)/.exec(text.slice(i, i + 40));
    if (!word) return fail('unexpected text');
    i += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    return Number(word[0].replace(/L$/, ''));
  };
  const result = value(0);
  skip();
  if (i !== text.length) fail('unexpected text after the literal');
  return result;
}

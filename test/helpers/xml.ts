/**
 * A small well-formedness check for the SVG and HTML we write: balanced and properly nested tags, quoted
 * attributes without duplicates, and no raw `<` or stray `&` in text or attribute values.
 * In `html` mode, HTML's void elements (`meta`, `br`, …) may stay unclosed.
 */
const VOID_HTML = new Set(['meta', 'link', 'br', 'hr', 'img', 'input']);
const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
const BAD_AMPERSAND = /&(?!(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);)/;

export function xmlProblems(source: string, mode: 'xml' | 'html' = 'xml'): string[] {
  const problems: string[] = [];
  const text = source
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/i, '');
  const stack: string[] = [];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (BAD_AMPERSAND.test(chunk))
      problems.push(`stray & in text near ${JSON.stringify(chunk.slice(0, 40))}`);
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(text);
    if (!m) {
      problems.push(`unparsable tag at ${lt}: ${JSON.stringify(text.slice(lt, lt + 40))}`);
      break;
    }
    const [whole, closing, name, attributes = '', selfClosing] = m;
    const seen = new Set<string>();
    for (const a of attributes.matchAll(ATTRIBUTE)) {
      if (seen.has(a[1]!)) problems.push(`duplicate attribute ${a[1]} on <${name}>`);
      seen.add(a[1]!);
      const value = a[3] ?? a[4] ?? '';
      if (value.includes('<') || BAD_AMPERSAND.test(value))
        problems.push(`bad attribute value ${a[1]} on <${name}>`);
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing && !(mode === 'html' && VOID_HTML.has(name!.toLowerCase()))) {
      stack.push(name!);
      if (name === 'style' || name === 'script') {
        const end = text.indexOf(`</${name}>`, lt + whole.length);
        i = end < 0 ? text.length : end;
        continue;
      }
    }
    i = lt + whole.length;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}

/** Every `<tag …>` opening tag with its attributes, in document order. */
export function elements(source: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of source.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
    const attributes: Record<string, string> = {};
    for (const a of m[1]!.matchAll(ATTRIBUTE)) attributes[a[1]!] = a[3] ?? a[4] ?? '';
    out.push(attributes);
  }
  return out;
}

/**
 * Tiny helpers to write SVG as strings: escaping, compact numbers, elements and the document wrapper.
 * Output is deterministic (no ids, dates or random values), so a picture can be compared byte for byte.
 *
 * @module
 */

/** The lab's style: Verdana first, then DejaVu Sans (`deeplearning.mplstyle`). */
export const FONT_FAMILY = 'Verdana, DejaVu Sans, sans-serif';

/**
 * Escapes text for XML content and attribute values (`& < > " '`).
 *
 * @example
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A coordinate for SVG: at most `decimals` decimals, trailing zeros dropped, never `-0`.
 *
 * @example
 * num(12.3456); // '12.35'
 * num(3);       // '3'
 * num(-0.001);  // '0'
 */
export function num(x: number, decimals = 2): string {
  const text = x.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** Attribute values: numbers go through {@link num}, strings are escaped, `undefined` is left out. */
export type Attributes = Record<string, string | number | undefined>;

/**
 * One element: `<tag a="1">children</tag>`, or self-closing when there are no children.
 *
 * @example
 * element('rect', { x: 1, y: 2.5, fill: '#fff' }); // '<rect x="1" y="2.5" fill="#fff"/>'
 * element('text', { x: 0 }, escapeXml('a<b'));    // '<text x="0">a&lt;b</text>'
 */
export function element(
  tag: string,
  attributes: Attributes = {},
  children?: string | readonly string[],
): string {
  let open = `<${tag}`;
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    open += ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  const content = typeof children === 'string' ? children : (children ?? []).join('');
  return content.length > 0 ? `${open}>${content}</${tag}>` : `${open}/>`;
}

/** A text element with escaped content. `anchor` is `text-anchor` (start, middle, end). */
export function text(
  x: number,
  y: number,
  content: string,
  style: {
    size?: number;
    anchor?: 'start' | 'middle' | 'end';
    fill?: string;
    weight?: string;
    extra?: Attributes;
  } = {},
): string {
  return element(
    'text',
    {
      x,
      y,
      'font-size': style.size ?? 12,
      'text-anchor': style.anchor,
      fill: style.fill,
      'font-weight': style.weight,
      ...style.extra,
    },
    escapeXml(content),
  );
}

/**
 * A standalone SVG document (no XML declaration, so it can also be inlined in HTML) with a white background.
 * `title` becomes the accessible `<title>`.
 *
 * @example
 * svg(200, 100, [element('circle', { cx: 50, cy: 50, r: 10 })], { title: 'A dot' });
 */
export function svg(
  width: number,
  height: number,
  children: string | readonly string[],
  options: { title?: string } = {},
): string {
  const body = typeof children === 'string' ? children : children.join('\n');
  const title = options.title === undefined ? '' : `${element('title', {}, escapeXml(options.title))}\n`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" ` +
    `viewBox="0 0 ${num(width)} ${num(height)}" font-family="${FONT_FAMILY}">\n` +
    title +
    `${element('rect', { width, height, fill: '#ffffff' })}\n${body}\n</svg>\n`
  );
}

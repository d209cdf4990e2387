/**
 * One self-contained HTML report (inline CSS and inline SVG, no external URL, works offline) that puts the
 * lab's console output and pictures on one page.
 *
 * @module
 */

import { escapeXml } from './svg.js';

/** One part of the report: a heading, and preformatted console text and/or an SVG picture. */
export interface ReportSection {
  heading: string;
  /** Console text shown as-is in a monospace block (escaped). */
  text?: string;
  /** An SVG document from one of the `render*` functions, inlined as-is (trusted markup). */
  svg?: string;
}

/** What {@link renderReport} writes. */
export interface ReportInput {
  title: string;
  sections: readonly ReportSection[];
}

const STYLE = `
body { font-family: Verdana, "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 1000px; padding: 0 1rem;
  color: #222; background: #fff; line-height: 1.45; }
h1 { font-size: 1.6rem; border-bottom: 3px solid #f0f0f0; padding-bottom: .4rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
pre { background: #f7f7f7; border: 1px solid #e4e4e4; padding: .8rem; overflow-x: auto; font-size: .85rem;
  font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
`;

/** Removes control characters other than tab and newline (e.g. a progress bar's `\b` and `\r`). */
function stripControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Drops an XML declaration or doctype so the SVG can sit inside HTML. */
function inlineSvg(svgText: string): string {
  return svgText
    .replace(/^\s*<\?xml[^>]*>\s*/, '')
    .replace(/^\s*<!DOCTYPE[^>]*>\s*/i, '')
    .trim();
}

/**
 * The report as one HTML string. Headings and console text are escaped; SVGs are inlined unchanged.
 *
 * @example
 * writeFileAtomicSync('report.html', renderReport({
 *   title: 'Softmax lab',
 *   sections: [{ heading: 'Model summary', text: formatSummary(info) }, { heading: 'Softmax', svg: renderSoftmaxBars(z, p) }],
 * }));
 */
export function renderReport(input: ReportInput): string {
  const body: string[] = [`<h1>${escapeXml(input.title)}</h1>`];
  for (const section of input.sections) {
    body.push('<section>');
    body.push(`<h2>${escapeXml(section.heading)}</h2>`);
    if (section.text !== undefined) body.push(`<pre>${escapeXml(stripControls(section.text))}</pre>`);
    if (section.svg !== undefined) body.push(`<figure>${inlineSvg(section.svg)}</figure>`);
    body.push('</section>');
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(input.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

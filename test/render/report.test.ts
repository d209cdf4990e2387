import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/render/report.js';
import { renderSoftmaxBars } from '../../src/render/softmax-bars.js';
import { xmlProblems } from '../helpers/xml.js';

const SVG = renderSoftmaxBars([1, 2], [0.2689414213699951, 0.7310585786300049]);

describe('renderReport', () => {
  const html = renderReport({
    title: 'Softmax lab <report> & "friends"',
    sections: [
      { heading: 'Model <summary>', text: 'Model: "sequential"\n a < b && c > d\n' },
      { heading: 'Softmax', svg: `<?xml version="1.0"?>\n${SVG}` },
    ],
  });

  it('is one well-formed HTML document, the same each time', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(xmlProblems(html, 'html')).toEqual([]);
    expect(
      renderReport({
        title: 'Softmax lab <report> & "friends"',
        sections: [
          { heading: 'Model <summary>', text: 'Model: "sequential"\n a < b && c > d\n' },
          { heading: 'Softmax', svg: `<?xml version="1.0"?>\n${SVG}` },
        ],
      }),
    ).toBe(html);
  });

  it('escapes the title, headings and console text', () => {
    expect(html).toContain('<title>Softmax lab &lt;report&gt; &amp; &quot;friends&quot;</title>');
    expect(html).toContain('<h2>Model &lt;summary&gt;</h2>');
    expect(html).toContain('<pre>Model: &quot;sequential&quot;\n a &lt; b &amp;&amp; c &gt; d\n</pre>');
  });

  it('inlines the SVG without its XML declaration', () => {
    expect(html).toContain('<figure><svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).not.toContain('<?xml');
  });

  it('needs nothing from the network', () => {
    const urls = html.match(/https?:\/\/[^\s"')]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg'])); // a namespace name, never fetched
    expect(html).not.toMatch(/<link|<script|\bsrc=|@import|url\(/);
  });

  it('drops the control characters of a redrawn progress bar', () => {
    const text = renderReport({
      title: 't',
      sections: [{ heading: 'h', text: '\b\b\r1/1 [=] - loss: 1.0000\n' }],
    });
    expect(text).toContain('<pre>1/1 [=] - loss: 1.0000\n</pre>');
  });
});

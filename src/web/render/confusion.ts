/**
 * A confusion matrix as a table: row = true class, column = predicted class, each cell shaded by its share
 * of the row (so a perfect model shows a dark diagonal), with the count printed (tfjs-vis' `showTextOverlay`).
 *
 * @module
 */

import { h } from './dom.js';

/** Renders `counts` (k·k, row-major) into a fresh table; `colors[c]` marks the class headers. */
export function confusionTable(
  counts: Int32Array,
  classes: number,
  colors: readonly string[],
  caption: string,
): HTMLTableElement {
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col', class: 'corner' }, 'true ↓ / pred →'),
    ...Array.from({ length: classes }, (_, c) =>
      h(
        'th',
        { scope: 'col' },
        h('span', { class: 'dot', style: `--c:${colors[c % colors.length]}` }),
        `c${c}`,
      ),
    ),
  );
  const rows = Array.from({ length: classes }, (_, t) => {
    let total = 0;
    for (let p = 0; p < classes; p++) total += counts[t * classes + p]!;
    return h(
      'tr',
      {},
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'dot', style: `--c:${colors[t % colors.length]}` }),
        `c${t}`,
      ),
      ...Array.from({ length: classes }, (_, p) => {
        const n = counts[t * classes + p]!;
        const share = total === 0 ? 0 : n / total;
        return h(
          'td',
          {
            class: share > 0.55 ? 'dark' : undefined,
            style: `background: rgba(13, 91, 220, ${(share * 0.85).toFixed(3)})`,
            title: `true c${t}, predicted c${p}: ${n} of ${total}`,
          },
          String(n),
        );
      }),
    );
  });
  return h(
    'table',
    { class: 'confusion' },
    h('caption', {}, caption),
    h('thead', {}, head),
    h('tbody', {}, ...rows),
  );
}

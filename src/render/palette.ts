/**
 * Colours of the lab's pictures: the course's `dlc` colours and matplotlib's `Paired` class colours.
 *
 * @module
 */

/** The course's colours (`lab_utils_common.py` `dlc`) and the style's pale frame colour. */
export const LAB_COLORS = {
  dlblue: '#0096FF',
  dlorange: '#FF9300',
  dldarkred: '#C00000',
  dlmagenta: '#FF40FF',
  dlpurple: '#7030A0',
  dldarkblue: '#0D5BDC',
  /** Spines and bar edges in `deeplearning.mplstyle`. */
  frame: '#f0f0f0',
} as const;

/**
 * Point colours by class: the dark half of matplotlib's `Paired` map in the lab's order (blue, green, orange,
 * purple, red, brown), then four more distinct colours so ten classes (digits) stay apart.
 */
export const CLASS_COLORS_DARK: readonly string[] = [
  '#1f78b4',
  '#33a02c',
  '#ff7f00',
  '#6a3d9a',
  '#e31a1c',
  '#b15928',
  '#17becf',
  '#7f7f7f',
  '#bcbd22',
  '#e377c2',
];

/** Region colours by class: the light half of `Paired`, paired with {@link CLASS_COLORS_DARK}. */
export const CLASS_COLORS_LIGHT: readonly string[] = [
  '#a6cee3',
  '#b2df8a',
  '#fdbf6f',
  '#cab2d6',
  '#fb9a99',
  '#ffff99',
  '#9edae5',
  '#c7c7c7',
  '#dbdb8d',
  '#f7b6d2',
];

/** The dark colour of class `k` (cycles after ten classes). */
export function classColorDark(k: number): string {
  return CLASS_COLORS_DARK[k % CLASS_COLORS_DARK.length]!;
}

/** The light colour of class `k` (cycles after ten classes). */
export function classColorLight(k: number): string {
  return CLASS_COLORS_LIGHT[k % CLASS_COLORS_LIGHT.length]!;
}

/** `#rrggbb` → `[r, g, b]` in 0..255. */
export function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

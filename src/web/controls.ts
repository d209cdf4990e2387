/**
 * Labelled form controls used by every section. Each is keyboard-usable with an accessible name (a real
 * `<label for>`), clamps what is typed to its range, and can be set from the state without fighting a user
 * who is typing in it.
 *
 * @module
 */

import { h } from './render/dom.js';
import { clampTo, type Range } from './state/lab-state.js';

let nextId = 0;
/** A unique element id for label/for pairs. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A control: its element, and a setter that updates what it shows. */
export interface Control<T> {
  element: HTMLElement;
  set(value: T): void;
}

/** Options of {@link numberField}. */
export interface NumberFieldOptions {
  label: string;
  range: Range;
  step: number | 'any';
  value: number;
  onChange: (value: number) => void;
  testId?: string;
  /** Extra text after the box (units, hints). */
  hint?: string;
  /** Screen-reader name when it differs from the visible label. */
  ariaLabel?: string;
}

/** Reads a typed number: NaN for anything unreadable, else clamped to the range. */
function readNumber(text: string, range: Range): number {
  const v = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(v) ? Number.NaN : clampTo(v, range);
}

/** A labelled number box; bad input is reverted, out-of-range input clamped (on change or Enter). */
export function numberField(o: NumberFieldOptions): Control<number> & { input: HTMLInputElement } {
  const id = uid('num');
  const input = h('input', {
    id,
    type: 'number',
    min: o.range.min,
    max: o.range.max,
    step: o.step,
    value: o.value,
    'data-testid': o.testId,
    'aria-label': o.ariaLabel,
  });
  let current = o.value;
  input.addEventListener('change', () => {
    const v = readNumber(input.value, o.range);
    if (Number.isNaN(v)) {
      input.value = String(current);
      return;
    }
    input.value = String(v);
    if (v !== current) {
      current = v;
      o.onChange(v);
    }
  });
  const element = h('div', { class: 'field' }, h('label', { for: id }, o.label), input);
  if (o.hint) element.append(h('span', { class: 'hint' }, o.hint));
  return {
    element,
    input,
    set(v) {
      current = v;
      if (document.activeElement !== input || readNumber(input.value, o.range) !== v) input.value = String(v);
    },
  };
}

/** Options of {@link sliderField}. */
export interface SliderFieldOptions {
  label: string;
  range: Range;
  step: number;
  value: number;
  onChange: (value: number) => void;
  testId?: string;
  /** Formats the value shown next to the slider (and read by screen readers). */
  format?: (value: number) => string;
}

/** A labelled range slider with its value printed beside it (as a matplotlib Slider shows it). */
export function sliderField(o: SliderFieldOptions): Control<number> & { input: HTMLInputElement } {
  const id = uid('range');
  const format = o.format ?? String;
  const input = h('input', {
    id,
    type: 'range',
    min: o.range.min,
    max: o.range.max,
    step: o.step,
    value: o.value,
    'data-testid': o.testId,
    'aria-valuetext': format(o.value),
  });
  const out = h('output', { for: id, class: 'slider-value' }, format(o.value));
  input.addEventListener('input', () => {
    const v = clampTo(Number(input.value), o.range);
    out.textContent = format(v);
    input.setAttribute('aria-valuetext', format(v));
    o.onChange(v);
  });
  return {
    element: h('div', { class: 'field slider' }, h('label', { for: id }, o.label), input, out),
    input,
    set(v) {
      input.value = String(v);
      out.textContent = format(v);
      input.setAttribute('aria-valuetext', format(v));
    },
  };
}

/** Options of {@link selectField}. */
export interface SelectFieldOptions<T extends string> {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
}

/** A labelled drop-down. */
export function selectField<T extends string>(o: SelectFieldOptions<T>): Control<T> {
  const id = uid('sel');
  const select = h(
    'select',
    { id, 'data-testid': o.testId },
    ...o.options.map((v) => h('option', { value: v, selected: v === o.value }, v)),
  );
  select.addEventListener('change', () => o.onChange(select.value as T));
  return {
    element: h('div', { class: 'field' }, h('label', { for: id }, o.label), select),
    set(v) {
      select.value = v;
    },
  };
}

/** Options of {@link textField}. */
export interface TextFieldOptions<T> {
  label: string;
  value: T;
  /** Text → value, or undefined when the text is not acceptable (the box is then marked invalid). */
  parse: (text: string) => T | undefined;
  show: (value: T) => string;
  onChange: (value: T) => void;
  testId?: string;
  hint?: string;
  size?: number;
}

/** A labelled text box for structured values (lists); invalid text is flagged and not applied. */
export function textField<T>(o: TextFieldOptions<T>): Control<T> {
  const id = uid('text');
  const input = h('input', {
    id,
    type: 'text',
    value: o.show(o.value),
    size: o.size ?? 12,
    spellcheck: 'false',
    'data-testid': o.testId,
  });
  const hint = h('span', { class: 'hint', id: `${id}-hint` }, o.hint ?? '');
  input.setAttribute('aria-describedby', hint.id);
  input.addEventListener('change', () => {
    const v = o.parse(input.value);
    input.setAttribute('aria-invalid', v === undefined ? 'true' : 'false');
    if (v !== undefined) o.onChange(v);
  });
  return {
    element: h('div', { class: 'field' }, h('label', { for: id }, o.label), input, hint),
    set(v) {
      if (document.activeElement !== input) {
        input.value = o.show(v);
        input.setAttribute('aria-invalid', 'false');
      }
    },
  };
}

/** A labelled checkbox. */
export function checkboxField(o: {
  label: string;
  value: boolean;
  onChange: (value: boolean) => void;
  testId?: string;
}): Control<boolean> {
  const id = uid('check');
  const input = h('input', { id, type: 'checkbox', checked: o.value, 'data-testid': o.testId });
  input.addEventListener('change', () => o.onChange(input.checked));
  return {
    element: h('div', { class: 'field check' }, input, h('label', { for: id }, o.label)),
    set(v) {
      input.checked = v;
    },
  };
}

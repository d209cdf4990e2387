/**
 * The lab's output: written to the terminal as it happens, and kept per section for the HTML report.
 *
 * @module
 */

import type { CliIO } from '../io.js';

/** One titled part of the lab with the text it printed. */
export interface TranscriptSection {
  heading: string;
  lines: string[];
}

/** Writes lines to stdout and remembers them under the current section. */
export class Transcript {
  readonly sections: TranscriptSection[] = [];
  private readonly io: CliIO;

  constructor(io: CliIO) {
    this.io = io;
  }

  /** Starts a section: prints its title underlined. */
  section(heading: string): void {
    this.sections.push({ heading, lines: [] });
    this.io.stdout.write(`\n${heading}\n${'='.repeat(heading.length)}\n`);
  }

  /** Prints a line (or several, separated by newlines) and records it. */
  line(text = ''): void {
    this.io.stdout.write(`${text}\n`);
    this.sections[this.sections.length - 1]?.lines.push(...text.split('\n'));
  }

  /** Records text for the report without printing it (e.g. a summary of progress bars already shown). */
  record(text: string): void {
    this.sections[this.sections.length - 1]?.lines.push(...text.split('\n'));
  }

  /** Where console output of library calls (progress bars) goes. */
  get stdout(): CliIO['stdout'] {
    return this.io.stdout;
  }
}

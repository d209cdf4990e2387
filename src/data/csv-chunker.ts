/**
 * Cuts CSV text that arrives in pieces (from a file read in blocks) into chunks of whole records, so a
 * large file can be parsed one chunk at a time with `parseCsv`. The cut points follow `parseCsv`'s own
 * record rules exactly: a record ends at LF, CR or CRLF outside quotes; a `"` opens a quoted field only
 * where the field so far is blank; `""` inside quotes is a quote; a record that is one blank field is
 * skipped. Each chunk carries the line its text starts on, counted the way `parseCsv` counts lines (a
 * line break inside quotes counts, CRLF is one), so errors can name lines of the whole file.
 *
 * The first non-blank record is the header: it is kept apart ({@link CsvChunker.header}) and every chunk is
 * meant to be parsed as `header + chunk.text`.
 *
 * @module
 */

/** A run of whole records. */
export interface CsvChunk {
  /** The records' text, terminators included (the last one may lack its terminator at the end of input). */
  text: string;
  /** 1-based line of the file on which `text` starts. */
  line: number;
}

const WHITESPACE = /\s/;

/**
 * Incremental record splitter. Feed pieces with {@link push}, then call {@link end}; both return the chunks
 * that became complete.
 *
 * @example
 * const chunker = new CsvChunker(16);
 * chunker.push('a,b\n1,2\n3,'); // [] (the header is kept apart; 1,2 waits for more)
 * chunker.end('4\n');           // [{ text: '1,2\n3,4\n', line: 2 }]
 * chunker.header;               // { text: 'a,b\n', line: 1, endLine: 2 }
 */
export class CsvChunker {
  /** The header record's text (and any blank lines before it) once seen, with its first and next line. */
  header: { text: string; line: number; endLine: number } | undefined;
  private readonly chunkChars: number;
  private pending = '';
  private pendingLine = 1;
  private scanned = 0;
  private line = 1;
  private quoted = false;
  private fieldBlank = true;
  private recordBlank = true;
  /** End (in `pending`) of the last complete record, the line after it, and whether a non-blank one precedes. */
  private boundary = 0;
  private boundaryLine = 1;
  private boundaryHasRecords = false;
  private started = false;

  /**
   * @param chunkChars the fewest characters of records a chunk holds before it is handed out (the chunk
   *   ends at the last complete record of what has been pushed so far; default 32 Ki)
   */
  constructor(chunkChars = 1 << 15) {
    this.chunkChars = Math.max(1, chunkChars);
  }

  /** Adds text; returns the chunks that are complete. */
  push(piece: string): CsvChunk[] {
    this.pending += piece;
    this.scan(false);
    return this.take(false);
  }

  /**
   * Adds the last text. Returns the remaining chunks; the final one also holds an unfinished record or an
   * unterminated quote, for `parseCsv` to read or to report. Returns nothing more when only blank lines are left.
   */
  end(piece = ''): CsvChunk[] {
    this.pending += piece;
    this.scan(true);
    const out = this.take(true);
    const rest = this.pending;
    const open = this.quoted || !this.recordBlank || this.fieldBlank === false;
    if (this.header === undefined) {
      // No complete non-blank record: parseCsv sees the whole text (a lone header, or an empty file).
      this.header = { text: rest, line: this.pendingLine, endLine: this.line };
      this.pending = '';
      return out;
    }
    if (rest !== '' && (open || this.boundaryHasRecords)) out.push({ text: rest, line: this.pendingLine });
    this.pending = '';
    return out;
  }

  private scan(final: boolean): void {
    let text = this.pending;
    let i = this.scanned;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    // Locals in the loop (this runs once per character of the file); written back at record ends.
    let quoted = this.quoted;
    let fieldBlank = this.fieldBlank;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (i + 1 === text.length && !final) break; // `""` or a closing quote: the next piece decides
          if (text[i + 1] === '"') {
            i++;
            fieldBlank = false;
          } else quoted = false;
        } else {
          if (c === '\n') this.line++;
          // parseCsv keeps quoted content: a quoted field is blank only if its content is.
          if (fieldBlank && !WHITESPACE.test(c)) fieldBlank = false;
        }
      } else if (c === '"' && fieldBlank) {
        quoted = true;
      } else if (c === ',') {
        this.recordBlank = false;
        fieldBlank = true;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && i + 1 === text.length && !final) break; // a CR may be the first half of CRLF
        if (c === '\r' && text[i + 1] === '\n') i++;
        this.line++;
        this.fieldBlank = fieldBlank;
        const consumed = this.endRecord(i + 1);
        if (consumed > 0) {
          text = this.pending;
          i -= consumed;
        }
        fieldBlank = true;
      } else if (fieldBlank && !WHITESPACE.test(c)) fieldBlank = false;
    }
    this.quoted = quoted;
    this.fieldBlank = fieldBlank;
    this.scanned = i;
  }

  /** Notes a record that ends at `end`; returns how many characters were cut from the front of `pending`. */
  private endRecord(end: number): number {
    const blank = this.recordBlank && this.fieldBlank;
    this.recordBlank = true;
    this.fieldBlank = true;
    if (this.header === undefined) {
      if (blank) return 0;
      this.header = { text: this.pending.slice(0, end), line: this.pendingLine, endLine: this.line };
      this.pending = this.pending.slice(end);
      this.pendingLine = this.line;
      this.boundary = 0;
      this.boundaryLine = this.line;
      this.boundaryHasRecords = false;
      return end;
    }
    this.boundary = end;
    this.boundaryLine = this.line;
    if (!blank) this.boundaryHasRecords = true;
    return 0;
  }

  private take(final: boolean): CsvChunk[] {
    const out: CsvChunk[] = [];
    if (this.boundary === 0 || (!final && this.boundary < this.chunkChars)) return out;
    if (this.boundaryHasRecords)
      out.push({ text: this.pending.slice(0, this.boundary), line: this.pendingLine });
    const line = this.boundaryLine;
    const end = this.boundary;
    this.pending = this.pending.slice(end);
    this.scanned -= end;
    this.boundary = 0;
    this.pendingLine = line;
    this.boundaryHasRecords = false;
    return out;
  }
}

// The one CSV reader (hash lists, hash-only seizure uploads, provider reports): RFC 4180 quoting
// (separators, doubled quotes and line breaks inside quotes), cells trimmed, blank records
// skipped, each record with the line it starts on. And its writer's quoting (csvField).

/** One CSV field, quoted when it holds the delimiter, a quote or a line break. */
export function csvField(v: string, delimiter: string): string {
  return v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r') ? `"${v.replace(/"/g, '""')}"` : v;
}

export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface CsvOptions {
  /** Cell separator; default: detected from the first line (detectDelimiter). */
  delimiter?: string;
  /** Skip lines whose first non-blank character is '#' (hash-list comments). */
  comments?: boolean;
  /** Error to throw for an unterminated quoted field (default Error). */
  error?: (message: string) => Error;
}

/** The most frequent of ; , tab | in the line (',' if none): ICSE exports use ';', most tools ','. */
export function detectDelimiter(line: string): string {
  const counts = [';', ',', '\t', '|'].map((d) => [d, line.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** The first line that is neither blank nor (with comments) a comment, without its line break. */
export function firstDataLine(input: string, comments = false): string {
  for (const l of input.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const t = l.trim();
    if (t && !(comments && t.startsWith('#'))) return l;
  }
  return '';
}

export function csvRecords(input: string, opts: CsvOptions = {}): CsvRecord[] {
  const parser = new CsvParser(opts);
  const out = parser.push(input);
  for (const r of parser.end()) out.push(r);
  return out;
}

/**
 * The CSV reader as a stream: push text chunks as they arrive, take the records completed so far. Linear
 * in the input (each character is looked at once; a cell is sliced, never re-scanned), so a 100 MB list
 * is read in seconds, a chunk at a time, between which the server serves other requests.
 */
export class CsvParser {
  private sep: string | undefined;
  private pending = ''; // text held back: before the separator is known, or a final '"' / '\r' awaiting its pair
  private bom = true;
  private cells: string[] = [];
  private cell = '';
  private cellBlank = true; // the cell so far is only blanks (a quote may open it)
  private lead = true; // the record so far is only blanks, tab or space separators included (a '#' starts a comment)
  private quoted = false;
  private inComment = false;
  private line = 1;
  private start = 1;
  private quoteLine = 0;

  constructor(private readonly opts: CsvOptions = {}) {
    this.sep = opts.delimiter;
  }

  push(chunk: string): CsvRecord[] {
    let s = this.pending + chunk;
    this.pending = '';
    if (this.bom && s.length) {
      s = s.replace(/^\uFEFF/, '');
      this.bom = false;
    }
    if (this.sep === undefined) {
      // The separator is detected from the first data line: wait for it to be complete.
      const first = firstDataLineEnd(s, this.opts.comments);
      if (first === null) {
        this.pending = s;
        return [];
      }
      this.sep = detectDelimiter(first);
    }
    return this.scan(s, false);
  }

  end(): CsvRecord[] {
    const s = this.pending;
    this.pending = '';
    if (this.sep === undefined) this.sep = detectDelimiter(firstDataLine(s, this.opts.comments));
    const out = this.scan(s, true);
    if (this.quoted) throw (this.opts.error ?? ((m: string) => new Error(m)))(`the CSV has an unterminated quoted field starting on line ${this.quoteLine}`);
    if (this.cell || this.cells.length) this.endRecord(out);
    return out;
  }

  private endRecord(out: CsvRecord[]) {
    this.cells.push(this.cell);
    if (this.cells.some((c) => c.trim())) out.push({ line: this.start, cells: this.cells.map((c) => c.trim()) });
    this.cells = [];
    this.cell = '';
    this.cellBlank = true;
    this.lead = true;
    this.start = this.line;
  }

  private scan(s: string, final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const sep = this.sep!;
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (this.inComment) {
        const nl = s.indexOf('\n', i);
        if (nl < 0) return out; // the comment goes on in the next chunk
        this.inComment = false;
        this.line++;
        this.start = this.line;
        this.cell = '';
        this.cellBlank = true;
        this.lead = true;
        i = nl + 1;
        continue;
      }
      if (this.quoted) {
        // Up to the next quote in one slice, counting line breaks.
        const q = s.indexOf('"', i);
        const end = q < 0 ? n : q;
        const part = s.slice(i, end);
        for (let k = part.indexOf('\n'); k >= 0; k = part.indexOf('\n', k + 1)) this.line++;
        this.cell += part.replace(/\r\n/g, '\n');
        if (q < 0) {
          if (!final && this.cell.endsWith('\r')) {
            this.cell = this.cell.slice(0, -1);
            this.pending = '\r';
          }
          return out;
        }
        if (q + 1 >= n && !final) {
          this.pending = '"';
          return out;
        } // a doubled quote may follow
        if (s[q + 1] === '"') {
          this.cell += '"';
          i = q + 2;
          continue;
        }
        this.quoted = false;
        this.cellBlank = !this.cell.trim();
        this.lead = false;
        i = q + 1;
        continue;
      }
      const ch = s[i]!;
      if (this.opts.comments && this.lead && ch === '#') {
        this.inComment = true;
        this.cells = [];
        this.cell = '';
        continue;
      }
      if (ch === '"' && this.cellBlank) {
        this.lead = false;
        this.quoted = true;
        this.quoteLine = this.line;
        this.cell = '';
        i++;
        continue;
      }
      if (ch === sep) {
        this.cells.push(this.cell);
        this.cell = '';
        this.cellBlank = true;
        if (ch !== ' ' && ch !== '\t') this.lead = false;
        i++;
        continue;
      }
      if (ch === '\r') {
        if (i + 1 >= n && !final) {
          this.pending = '\r';
          return out;
        }
        if (s[i + 1] === '\n') {
          i++;
          continue;
        }
      }
      if (ch === '\n') {
        this.line++;
        this.endRecord(out);
        i++;
        continue;
      }
      // A run of plain characters, sliced at once.
      // While the cell is still blank, a quote may open it and (first cell) a '#' start a comment.
      const watch = this.cellBlank;
      const hash = this.lead && this.opts.comments;
      let blank = watch && isBlank(ch);
      let j = i + 1;
      while (j < n) {
        const c = s[j]!;
        if (c === sep || c === '\n' || c === '\r') break;
        if (blank) {
          if (c === '"' || (hash && c === '#')) break;
          if (!isBlank(c)) blank = false;
        }
        j++;
      }
      const run = s.slice(i, j);
      this.cell += run;
      if (watch && /\S/.test(run)) this.cellBlank = false;
      if (this.lead && /\S/.test(run)) this.lead = false;
      i = j;
    }
    return out;
  }
}

const isBlank = (c: string) => c.trim() === '';

/** The first data line of `s` if its line break has arrived (else null: wait for more). */
function firstDataLineEnd(s: string, comments = false): string | null {
  let from = 0;
  for (;;) {
    const nl = s.indexOf('\n', from);
    if (nl < 0) return null;
    const l = s.slice(from, nl).replace(/\r$/, '');
    const t = l.trim();
    if (t && !(comments && t.startsWith('#'))) return l;
    from = nl + 1;
  }
}

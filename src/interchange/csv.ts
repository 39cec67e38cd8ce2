// The one CSV reader (hash lists, hash-only seizure uploads, provider reports): RFC 4180 quoting
// (separators, doubled quotes and line breaks inside quotes), cells trimmed, blank records
// skipped, each record with the line it starts on. And its writer's quoting (csvField).

/** One CSV field, quoted when it holds the delimiter, a quote or a line break. */
export function csvField(v: string, delimiter: string): string {
  return v.includes(delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r') ? `"${v.replace(/"/g, '""')}"` : v;
}

export interface CsvRecord { line: number; cells: string[] }

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
  const s = input.replace(/^\uFEFF/, '');
  const sep = opts.delimiter ?? detectDelimiter(firstDataLine(s, opts.comments));
  const out: CsvRecord[] = [];
  let cells: string[] = [], cell = '', quoted = false, line = 1, start = 1, quoteLine = 0, i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim())) out.push({ line: start, cells: cells.map((c) => c.trim()) });
    cells = []; cell = ''; start = line;
  };
  while (i < s.length) {
    if (opts.comments && !quoted && cells.length === 0 && !cell.trim()) {
      // At the start of a record: a comment line runs to its line break.
      let j = i;
      while (s[j] === ' ' || s[j] === '\t') j++;
      if (s[j] === '#') {
        const nl = s.indexOf('\n', j);
        i = nl < 0 ? s.length : nl + 1;
        line++; start = line; cell = '';
        continue;
      }
    }
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      if (ch === '\r' && s[i + 1] === '\n') { i++; continue; }
      if (ch === '\n') line++;
      cell += ch; i++; continue;
    }
    if (ch === '"' && !cell.trim()) { quoted = true; quoteLine = line; cell = ''; i++; continue; }
    if (ch === sep) { cells.push(cell); cell = ''; i++; continue; }
    if (ch === '\r' && s[i + 1] === '\n') { i++; continue; }
    if (ch === '\n') { line++; endRecord(); i++; continue; }
    cell += ch; i++;
  }
  if (quoted) throw (opts.error ?? ((m: string) => new Error(m)))(`the CSV has an unterminated quoted field starting on line ${quoteLine}`);
  if (cell || cells.length) endRecord();
  return out;
}

// Reading delimiter-separated text: CSV as RFC 4180 defines it (fields separated by commas, records by
// CRLF, fields optionally in double quotes, a double quote inside one written twice, line breaks
// allowed inside quotes), and TSV the same way with tabs, which is what spreadsheets write. Also read:
// a UTF-8 byte order mark (Excel writes one), LF or CR line ends, a last record without a line end.
//
// A record that breaks the quoting rules is reported with the line it starts on and left out; the
// records around it are still read. Line numbers are 1-based, as editors show them, and count the line
// breaks inside quoted fields, so each reported line is where the record is in the file.

export interface DelimitedRecord {
  /** The line the record starts on (1-based). */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface DelimitedProblem {
  readonly line: number;
  /** Why the record was left out, as a sentence. */
  readonly message: string;
}

interface DelimitedText {
  readonly records: readonly DelimitedRecord[];
  readonly problems: readonly DelimitedProblem[];
}

const BOM = '\uFEFF';

/** Every record of `text` (blank lines skipped) and every record that could not be read. */
export function parseDelimitedText(text: string, delimiter: ',' | '\t'): DelimitedText {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const records: DelimitedRecord[] = [];
  const problems: DelimitedProblem[] = [];
  let pos = 0;
  let line = 1;
  while (pos < body.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let closed = false;
    let started = false;
    let problem: string | undefined;
    while (pos < body.length) {
      const ch = body[pos]!;
      if (quoted && !closed) {
        if (ch === '"') {
          if (body[pos + 1] === '"') {
            field += '"';
            pos += 2;
          } else {
            closed = true;
            pos += 1;
          }
          continue;
        }
        if (ch === '\n' || (ch === '\r' && body[pos + 1] !== '\n')) line += 1;
        field += ch;
        pos += 1;
        continue;
      }
      if (ch === delimiter) {
        fields.push(field);
        field = '';
        quoted = closed = started = false;
        pos += 1;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        pos += ch === '\r' && body[pos + 1] === '\n' ? 2 : 1;
        line += 1;
        break;
      }
      if (closed) {
        problem ??= `text follows the closing double quote of field ${fields.length + 1} (put the whole field in quotes, and write a quote inside it twice: "")`;
      } else if (ch === '"' && !started) {
        quoted = true;
        pos += 1;
        continue;
      } else if (ch === '"') {
        problem ??= `field ${fields.length + 1} has a double quote but does not start with one (put the whole field in quotes, and write the quote twice: "")`;
      }
      field += ch;
      started = true;
      pos += 1;
    }
    fields.push(field);
    if (quoted && !closed) {
      problems.push({
        line: startLine,
        message: `field ${fields.length} opens a double quote that is never closed, so the file from here on was not read (a quote is missing, or one inside a field is not written twice)`,
      });
    } else if (problem !== undefined) {
      problems.push({ line: startLine, message: problem });
    } else if (!(fields.length === 1 && fields[0] === '' && !quoted)) {
      // A blank line is no record: nothing is reported for it.
      records.push({ line: startLine, fields });
    }
  }
  return { records, problems };
}

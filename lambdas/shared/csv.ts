/**
 * A small RFC 4180 CSV reader: comma separated, fields optionally in double quotes, `""` inside
 * quotes for a quote, quoted fields may hold commas and line breaks; CRLF or LF line ends; a UTF-8
 * BOM is ignored. Each row carries the 1-based line where it starts, for error messages.
 */

export interface CsvRow {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): CsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // current field was quoted (only a separator may follow the closing quote)

  const endField = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
  };

  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        wasQuoted = true;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else if (wasQuoted) {
      throw new CsvSyntaxError('unexpected character after a closing quote (expected "," or end of line)', line);
    } else if (c === '"') {
      if (field !== '') throw new CsvSyntaxError('a quote inside an unquoted field (quote the whole field)', line);
      quoted = true;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new CsvSyntaxError('a quoted field is not closed', rowLine);
  if (field !== '' || fields.length > 0 || wasQuoted) endRow();
  return rows;
}

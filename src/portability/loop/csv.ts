import { ImportFileError } from '../portable-account';

/** One CSV record with the (1-based) line it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

const QUOTE = '"';

/**
 * RFC 4180 CSV as opencsv (Loop's writer) produces it: `,` separated, `"` quoted with `""` inside,
 * quoted fields may hold commas and line breaks; `\n` or `\r\n` line ends; blank lines skipped.
 * A quote that opens inside an unquoted field, or one left open at the end, is an error naming the line.
 */
export function parseCsv(text: string, file: string, maxRows = Number.POSITIVE_INFINITY): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (index < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      const field = readField(text, index, file, start);
      fields.push(field.value);
      line += field.newlines;
      index = field.end;
      if (text[index] === ',') {
        index++;
        continue;
      }
      if (text[index] === '\r' && text[index + 1] === '\n') index += 2;
      else if (index < text.length) index++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: start, fields });
    if (rows.length > maxRows) throw new CsvRowLimitError(file, maxRows);
  }
  return rows;
}

/** A file with more rows than its reader takes at most (Habits.csv: an account's habits and a header): read no further. */
export class CsvRowLimitError extends Error {
  constructor(
    readonly file: string,
    readonly maxRows: number,
  ) {
    super(`${file} has more than ${maxRows} rows`);
  }
}

interface FieldRead {
  value: string;
  end: number;
  newlines: number;
}

function readField(text: string, start: number, file: string, line: number): FieldRead {
  if (text[start] !== QUOTE) {
    let end = start;
    while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') {
      if (text[end] === QUOTE) throw new ImportFileError(file, `line ${line}`, 'a quote inside an unquoted field');
      end++;
    }
    if (text[end] === '\r' && text[end + 1] !== '\n') throw new ImportFileError(file, `line ${line}`, 'a stray carriage return');
    return { value: text.slice(start, end), end, newlines: 0 };
  }
  let value = '';
  let newlines = 0;
  let index = start + 1;
  for (;;) {
    const next = text.indexOf(QUOTE, index);
    if (next === -1) throw new ImportFileError(file, `line ${line}`, 'a quoted field is not closed');
    const chunk = text.slice(index, next);
    value += chunk;
    newlines += countNewlines(chunk);
    if (text[next + 1] === QUOTE) {
      value += QUOTE;
      index = next + 2;
      continue;
    }
    const end = next + 1;
    if (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') {
      throw new ImportFileError(file, `line ${line}`, 'text after a closing quote');
    }
    return { value, end, newlines };
  }
}

function countNewlines(chunk: string): number {
  let count = 0;
  for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) count++;
  return count;
}

/** A field as opencsv writes it without "quote all": quoted only when it holds `"`, `,` or a line break. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll(QUOTE, '""')}"` : value;
}

/** One CSV line with its `\n` (Loop's line end). */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

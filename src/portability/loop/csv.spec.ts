import { ImportFileError } from '../portable-account';
import { csvLine, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads plain, quoted and doubled-quote fields with their line numbers', () => {
    const text = 'Date,Value,Notes\n2015-01-24,NO,Sick\n2015-01-23,YES_AUTO,"Forgot to do it, really"\n2015-01-19,YES_AUTO,"""Vacation"""\n';
    expect(parseCsv(text, 'a.csv')).toEqual([
      { line: 1, fields: ['Date', 'Value', 'Notes'] },
      { line: 2, fields: ['2015-01-24', 'NO', 'Sick'] },
      { line: 3, fields: ['2015-01-23', 'YES_AUTO', 'Forgot to do it, really'] },
      { line: 4, fields: ['2015-01-19', 'YES_AUTO', '"Vacation"'] },
    ]);
  });

  it('keeps line breaks inside quoted fields and counts lines after them', () => {
    const rows = parseCsv('a,"two\nlines"\r\nb,c\n\nd,\n', 'x.csv');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'two\nlines'] },
      { line: 3, fields: ['b', 'c'] },
      { line: 5, fields: ['d', ''] },
    ]);
  });

  it('reads a trailing comma as an empty last field and a last line without a line end', () => {
    expect(parseCsv('Date,Meditate,\n2015-01-25,2,', 'C.csv')).toEqual([
      { line: 1, fields: ['Date', 'Meditate', ''] },
      { line: 2, fields: ['2015-01-25', '2', ''] },
    ]);
  });

  it.each([
    ['a,"open\n', 'line 1: a quoted field is not closed'],
    ['ok\na,b"c\n', 'line 2: a quote inside an unquoted field'],
    ['ok\nok\n"a"b,c\n', 'line 3: text after a closing quote'],
  ])('refuses %j naming the line', (text, message) => {
    expect(() => parseCsv(text, 'f.csv')).toThrow(ImportFileError);
    expect(() => parseCsv(text, 'f.csv')).toThrow(`f.csv, ${message}`);
  });
});

describe('csvLine', () => {
  it('quotes only fields that need it, like opencsv', () => {
    expect(csvLine(['2015-01-19', 'YES_AUTO', '"Vacation"'])).toBe('2015-01-19,YES_AUTO,"""Vacation"""\n');
    expect(csvLine(['a,b', 'c\nd', ''])).toBe('"a,b","c\nd",\n');
  });

  it('writes what parseCsv reads back', () => {
    const fields = ['x', 'a "b", c', 'line\nbreak', ''];
    expect(parseCsv(csvLine(fields), 'r.csv')[0].fields).toEqual(fields);
  });
});

import { CsvSyntaxError, parseCsv } from '../../../lambdas/shared/csv';

describe('parseCsv', () => {
  it('reads plain rows with CRLF or LF line ends and a BOM, skipping blank lines', () => {
    expect(parseCsv('\uFEFFa,b,c\r\n1,2,3\n\n4,,6\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 4, fields: ['4', '', '6'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, keeping start lines', () => {
    const rows = parseCsv('name,note\n"山田, 太郎","He said ""hi"""\n"multi\nline",x\nlast,"y"');
    expect(rows).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['山田, 太郎', 'He said "hi"'] },
      { line: 3, fields: ['multi\nline', 'x'] },
      { line: 5, fields: ['last', 'y'] },
    ]);
  });

  it('keeps an empty quoted last field and a last row without a line end', () => {
    expect(parseCsv('a,""')).toEqual([{ line: 1, fields: ['a', ''] }]);
  });

  it.each([
    ['a,"open\n', 1, /not closed/],
    ['a,b\nx,"q"z\n', 2, /after a closing quote/],
    ['a,b"c\n', 1, /quote inside an unquoted field/],
  ])('rejects malformed input %p at line %d', (text, line, message) => {
    let caught: unknown;
    try {
      parseCsv(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CsvSyntaxError);
    expect((caught as CsvSyntaxError).line).toBe(line);
    expect((caught as Error).message).toMatch(message);
  });
});

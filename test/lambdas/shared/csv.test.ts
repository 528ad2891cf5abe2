import { CsvSyntaxError, formatCsv, parseCsv, readCsvRows } from '../../../lambdas/shared/csv';

describe('parseCsv', () => {
  it('reads plain rows with CRLF or LF line ends and a BOM, skipping blank lines', async () => {
    expect(await parseCsv('\uFEFFa,b,c\r\n1,2,3\n\n4,,6\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
      { line: 4, fields: ['4', '', '6'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, keeping start lines', async () => {
    const rows = await parseCsv('name,note\n"山田, 太郎","He said ""hi"""\n"multi\nline",x\nlast,"y"');
    expect(rows).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['山田, 太郎', 'He said "hi"'] },
      { line: 3, fields: ['multi\nline', 'x'] },
      { line: 5, fields: ['last', 'y'] },
    ]);
  });

  it('keeps an empty quoted last field and a last row without a line end', async () => {
    expect(await parseCsv('a,""')).toEqual([{ line: 1, fields: ['a', ''] }]);
  });

  it('reads rows split across chunks anywhere, even inside a multibyte character string', async () => {
    const text = 'name,phones\r\n"佐藤, 花子",090-1111-2222\r\n鈴木 一郎,03-5555-6666\r\n';
    const chunks = Array.from(text); // one character per chunk
    const rows = [];
    for await (const row of readCsvRows(chunks)) rows.push(row);
    expect(rows).toEqual([
      { line: 1, fields: ['name', 'phones'] },
      { line: 2, fields: ['佐藤, 花子', '090-1111-2222'] },
      { line: 3, fields: ['鈴木 一郎', '03-5555-6666'] },
    ]);
  });

  it.each([
    ['a,"open\n', 1, /not closed/],
    ['a,b\nx,"q"z\n', 2, /after a closing quote/],
    ['a,b"c\n', 1, /quote inside an unquoted field/],
  ])('rejects malformed input %p at line %d', async (text, line, message) => {
    let caught: unknown;
    try {
      await parseCsv(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CsvSyntaxError);
    expect((caught as CsvSyntaxError).line).toBe(line);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('readCsvRows from a stream', () => {
  async function* chunks(...parts: string[]) {
    for (const part of parts) {
      await new Promise((r) => setImmediate(r));
      yield part;
    }
  }

  it('rejects a malformed row arriving from an asynchronous source instead of waiting forever', async () => {
    const rows = readCsvRows(chunks('name,phones\n山田 太郎,03-1234-5678\n', '=HYPERLINK("x"),090\n', 'more,rows\n'));
    const read = (async () => {
      for await (const _ of rows);
    })();

    await expect(read).rejects.toThrow(/line 3: a quote inside an unquoted field/);
  });

  it('lets a consumer stop early without leaving the source waiting', async () => {
    const first = [];
    for await (const row of readCsvRows(chunks('a,b\n', '1,2\n', '3,4\n'))) {
      first.push(row);
      break;
    }

    expect(first).toEqual([{ line: 1, fields: ['a', 'b'] }]);
  });
});

describe('formatCsv', () => {
  it('quotes what needs quoting and keeps multibyte text as it is', () => {
    expect(formatCsv(['name', 'note'], [['山田, 太郎', 'He said "hi"']])).toBe(
      'name,note\n"山田, 太郎","He said ""hi"""\n',
    );
  });

  it.each([['=HYPERLINK("http://evil.example","click")'], ['+81 3 1234 5678'], ['-1+2'], ['@SUM(A1)'], ['\t=1']])(
    'neutralizes a text cell a spreadsheet would run as a formula: %p',
    (cell) => {
      const [, row] = formatCsv(['cell'], [[cell]]).split('\n');
      expect(row?.replace(/^"|"$/g, '').replace(/""/g, '"')).toBe(`'${cell}`);
    },
  );

  it('keeps negative numbers as numbers', () => {
    expect(formatCsv(['score'], [[-0.25]])).toBe('score\n-0.25\n');
  });
});

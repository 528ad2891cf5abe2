import { reportCsv } from '../../../local/cli/commands/voc';

describe('voc report --format csv', () => {
  it('neutralizes key phrases a spreadsheet would run as formulas, keeping numbers and Japanese text', () => {
    // Prepare: key phrases are customer words, so a hostile email can put a formula in one.
    const report = {
      from: '2026-11-01',
      to: '2026-11-30',
      reports: {
        'negative-key-phrases': [
          { key_phrase: '=HYPERLINK("http://evil.example","返金")', mentions: 3, avg_negative: -0.5 },
          { key_phrase: '配送, 遅延', mentions: 2, avg_negative: 0.25 },
        ],
      },
    };

    // Act
    const csv = reportCsv(report);

    // Assess
    expect(csv).toBe(
      [
        '# negative-key-phrases',
        'key_phrase,mentions,avg_negative',
        `"'=HYPERLINK(""http://evil.example"",""返金"")",3,-0.5`,
        '"配送, 遅延",2,0.25',
        '',
      ].join('\n'),
    );
  });
});

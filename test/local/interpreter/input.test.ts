import { parseInputScript, scriptedInput } from '../../../local/interpreter';

const request = { actionId: 'a', prompt: '', timeoutSeconds: 5 };

describe('scripted input', () => {
  it('reads one key per request, "_" as a timeout and [..] as one entry', () => {
    expect(parseInputScript('1_*[0312345678#] #')).toEqual(['1', undefined, '*', '0312345678#', '#']);
  });

  it('answers in order, then times out once the script runs out', async () => {
    // Prepare
    const input = scriptedInput('2_');

    // Act
    const answers = [await input(request), await input(request), await input(request)];

    // Assess
    expect(answers).toEqual(['2', undefined, undefined]);
  });

  it('rejects an unclosed bracket', () => {
    expect(() => parseInputScript('1[23')).toThrow('not closed');
  });
});

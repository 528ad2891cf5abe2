import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { runAnnounce } from '../../../local/cli/commands/ops-announce';
import type { CommandIo } from '../../../local/cli/io';
import { buildProgram } from '../../../local/cli/main';

const JA = '地震の影響により、お電話がつながりにくくなっております。';
const EN = 'Because of the earthquake, it may be hard to reach us by phone.';

function capture(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

describe('ops announce --stage aws', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  beforeEach(() => ddb.reset());
  afterAll(() => ddb.restore());

  it('writes the announcement item to the named table and prints it as JSON', async () => {
    const io = capture();
    const now = () => new Date('2027-09-01T01:00:00Z');

    const code = await runAnnounce(
      undefined,
      { ja: ` ${JA} `, en: EN, closeQueues: true, stage: 'aws', table: 'cc-customers', json: true, now },
      io,
    );

    expect(code).toBe(0);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'cc-customers',
      Item: {
        pk: 'OPS#ANNOUNCEMENT',
        sk: 'ANNOUNCEMENT',
        ja: JA,
        en: EN,
        closeQueues: true,
        updatedAt: '2027-09-01T01:00:00.000Z',
      },
    });
    expect(JSON.parse(io.out.join(''))).toEqual({
      stage: 'aws',
      table: 'cc-customers',
      announcement: { ja: JA, en: EN, closeQueues: true, updatedAt: '2027-09-01T01:00:00.000Z' },
    });
  });

  it('clear deletes the item; show reads it', async () => {
    ddb.on(GetCommand).resolves({});
    const io = capture();

    expect(await runAnnounce('clear', { stage: 'aws', table: 'cc-customers' }, io)).toBe(0);
    expect(await runAnnounce('show', { stage: 'aws', table: 'cc-customers', json: true }, io)).toBe(0);

    expect(ddb).toHaveReceivedCommandWith(DeleteCommand, {
      TableName: 'cc-customers',
      Key: { pk: 'OPS#ANNOUNCEMENT', sk: 'ANNOUNCEMENT' },
    });
    expect(JSON.parse(io.out.at(-1)!)).toMatchObject({ announcement: null });
  });

  it.each([
    [{ stage: 'aws', ja: JA, en: EN }, '--table: required with --stage aws'],
    [{ stage: 'moon', ja: JA, en: EN }, '--stage: expected "local" or "aws"'],
    [{ stage: 'aws', table: 't', ja: '   ', en: EN }, '--ja: required'],
  ])('refuses %j naming the input, writing nothing', async (options, message) => {
    const io = capture();

    expect(await runAnnounce(undefined, options, io)).toBe(2);

    expect(io.err.join('')).toContain(message);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('refuses texts with "clear"', async () => {
    const io = capture();
    expect(await runAnnounce('clear', { ja: JA, stage: 'aws', table: 't' }, io)).toBe(2);
    expect(io.err.join('')).toContain('only when setting an announcement');
  });
});

describe('ops announce locally', () => {
  let home: string;
  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-ops-announce-'));
  });
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it('sets, shows and clears the announcement in the local store', async () => {
    const io = capture();

    await runAnnounce(undefined, { ja: JA, en: EN, home }, io);
    await runAnnounce('show', { home, json: true }, io);
    const shown = JSON.parse(io.out.at(-1)!);
    await runAnnounce('clear', { home }, io);
    await runAnnounce('show', { home, json: true }, io);

    expect(shown).toMatchObject({ stage: 'local', announcement: { ja: JA, en: EN, closeQueues: false } });
    expect(JSON.parse(io.out.at(-1)!)).toMatchObject({ stage: 'local', announcement: null });
  });

  it('is registered under the ops command of the CLI', () => {
    const ops = buildProgram().commands.find((c) => c.name() === 'ops');
    expect(ops?.commands.map((c) => c.name())).toContain('announce');
  });
});

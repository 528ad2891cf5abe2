import { ConfigError } from '../lib/config';
import { LocalDynamoDbError } from './engines/local-dynamodb';
import { AlreadyRunningError, startLocalContactCenter } from './runtime/local-contact-center';
import { nodeSupportNotice, quietSdkNodeWarning } from './runtime/node-support';
import { DEMO_NUMBERS } from './seed/demo-data';

/**
 * `npm start`: the local contact center (local DynamoDB under .contact-center/ or CONTACT_CENTER_HOME,
 * demo customers on first start, HTTP console on http://localhost:3000 or PORT). Ctrl-C stops it.
 */
function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`PORT: "${raw}" is not a TCP port (0-65535)`);
  }
  return port;
}

async function main(): Promise<void> {
  quietSdkNodeWarning();
  const started = Date.now();
  const cc = await startLocalContactCenter({ port: parsePort(process.env.PORT) });
  const lines = [
    '',
    `ローカル コンタクトセンター / Local contact center: ${cc.url}`,
    `  data:     ${cc.home}${cc.seeded.seeded ? ` (first start: seeded ${cc.seeded.customers} demo customers, ${cc.seeded.interactions} interactions)` : ''}`,
    `  dynamodb: ${cc.dynamodbEndpoint} (table ${cc.tableName})`,
    `  VOC:      ${cc.url}/voc${cc.vocSeeded ? ` (first start: ${cc.vocSeeded} demo messages analyzed into the local lake)` : ''}`,
    `  agent:    ${cc.url}/agent/ (the agent app: open it beside the console, sign in, then dial)`,
    `  ready in ${Date.now() - started} ms`,
    '',
    'Numbers to dial (console keypad, or: npx contact-center call --from NUMBER):',
    ...DEMO_NUMBERS.map((n) => `  ${n.number.padEnd(14)} ${n.label} — ${n.expect}`),
    '',
    `Chat and email: ${cc.url}/#chat (or: npx contact-center chat / email); calls, chats and emails`,
    '  all land in the customer history (npx contact-center history CUSTOMER_ID).',
    '',
    ...(nodeSupportNotice() ? [`Note: ${nodeSupportNotice()}`, ''] : []),
    'Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    cc.close().then(
      () => {
        console.log('stopped (data kept in', `${cc.home})`);
        process.exit(0);
      },
      (err: unknown) => {
        console.error('error while stopping:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const known =
    err instanceof AlreadyRunningError ||
    err instanceof ConfigError ||
    err instanceof LocalDynamoDbError ||
    err instanceof RangeError ||
    (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`PORT: ${process.env.PORT ?? 3000} is already in use; set PORT to a free port`);
  } else {
    console.error(known ? (err as Error).message : err);
  }
  process.exit(1);
});

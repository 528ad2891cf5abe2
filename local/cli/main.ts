import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { nodeSupportNotice, quietSdkNodeWarning } from '../runtime/node-support';
import { register as registerAccessTrail } from './commands/access-trail';
import { register as registerCall } from './commands/call';
import { register as registerChat } from './commands/chat';
import { register as registerCustomers } from './commands/customers';
import { register as registerEmail } from './commands/email';
import { register as registerFlows } from './commands/flows';
import { register as registerHistory } from './commands/history';
import { register as registerOps } from './commands/ops';
import { register as registerOpsAnnounce } from './commands/ops-announce';
import { register as registerVoc } from './commands/voc';

/**
 * Operator CLI (contract: shared design/architecture.md, "Operator CLI contract").
 * Each command lives in ./commands/<name>.ts and exports `register(program)`.
 */
export function buildProgram(): Command {
  const program = new Command('contact-center')
    .description('Operate the serverless contact center: lint flows, simulate calls, import customers, run reports')
    .version(versionText(), '-V, --version', 'print the version (and the Node.js support notice)')
    .showHelpAfterError()
    .exitOverride();
  // Command registrations (one line each; keep sorted).
  registerAccessTrail(program);
  registerCall(program);
  registerChat(program);
  registerCustomers(program);
  registerEmail(program);
  registerFlows(program);
  registerHistory(program);
  registerOps(program);
  registerOpsAnnounce(program);
  registerVoc(program);
  return program;
}

/** `contact-center 0.1.0 (Node.js v24.11.0)`, and the support notice on a Node.js older than SDK updates need. */
export function versionText(nodeVersion: string = process.versions.node): string {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
  const notice = nodeSupportNotice(nodeVersion);
  return `contact-center ${pkg.version} (Node.js v${nodeVersion})${notice ? `\n${notice}` : ''}`;
}

export async function main(argv: string[]): Promise<void> {
  quietSdkNodeWarning();
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    // commander has already printed its own usage errors; exit with its code.
    const code = (err as { exitCode?: number }).exitCode;
    if (typeof code === 'number') {
      process.exitCode = code;
      return;
    }
    throw err;
  }
}

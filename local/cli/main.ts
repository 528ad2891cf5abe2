import { Command } from 'commander';
import { register as registerCall } from './commands/call';
import { register as registerChat } from './commands/chat';
import { register as registerCustomers } from './commands/customers';
import { register as registerEmail } from './commands/email';
import { register as registerFlows } from './commands/flows';
import { register as registerHistory } from './commands/history';
import { register as registerOpsAnnounce } from './commands/ops-announce';
import { register as registerVoc } from './commands/voc';

/**
 * Operator CLI (contract: shared design/architecture.md, "Operator CLI contract").
 * Each command lives in ./commands/<name>.ts and exports `register(program)`.
 */
export function buildProgram(): Command {
  const program = new Command('contact-center')
    .description('Operate the serverless contact center: lint flows, simulate calls, import customers, run reports')
    .showHelpAfterError()
    .exitOverride();
  // Command registrations (one line each; keep sorted).
  registerCall(program);
  registerChat(program);
  registerCustomers(program);
  registerEmail(program);
  registerFlows(program);
  registerHistory(program);
  registerOpsAnnounce(program);
  registerVoc(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
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

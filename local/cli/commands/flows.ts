import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_FLOWS_DIR, flowTypeForFile } from '../../../lib/flows/catalog';
import { type Diagnostic, formatDiagnostic, lintFlow } from '../../../lib/flows/lint';
import { FLOW_TYPES, type FlowType, isFlowType } from '../../../lib/flows/model';
import { type CommandIo, processIo } from '../io';
import { registerRollback } from './flows-rollback';
import { registerTest } from './flows-test';

/**
 * `contact-center flows lint [FILE…] [--type TYPE] [--placeholders allow|forbid] [--strict] [--json]`
 *
 * Lints flow files (default: every `*.json` of contact-flows/, typed from the flow catalog). Deploy-time
 * placeholders are allowed by default because substitution happens at synth, where the same linter
 * runs again with placeholders forbidden. Exit 0 when clean or warnings only, 1 on any lint error,
 * 2 when an input cannot be used (unreadable file, unknown type). `--strict` adds the opt-in warnings
 * (findings the console's own exports never satisfy).
 *
 * JSON: `{ "files": [ { "file", "flowType"?, "diagnostics": [ { severity, file, actionId?, rule, message } ] } ],
 *          "errors": n, "warnings": n }`.
 */

export interface FlowsLintOptions {
  json?: boolean;
  type?: string;
  placeholders?: string;
  strict?: boolean;
}

export interface FlowsLintFileResult {
  file: string;
  flowType?: FlowType;
  diagnostics: Diagnostic[];
}

export interface FlowsLintOutput {
  files: FlowsLintFileResult[];
  errors: number;
  warnings: number;
}

function defaultFiles(): string[] {
  return fs
    .readdirSync(DEFAULT_FLOWS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(DEFAULT_FLOWS_DIR, f));
}

/** Shown in output: relative to the working directory when inside it. */
function displayName(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Returns the exit code. */
export function runFlowsLint(files: string[], options: FlowsLintOptions, io: CommandIo = processIo): number {
  if (options.type !== undefined && !isFlowType(options.type)) {
    io.stderr(`--type: unknown flow type "${options.type}" (expected one of ${FLOW_TYPES.join(', ')})\n`);
    return 2;
  }
  const placeholders = options.placeholders ?? 'allow';
  if (placeholders !== 'allow' && placeholders !== 'forbid') {
    io.stderr(`--placeholders: expected "allow" or "forbid", got "${placeholders}"\n`);
    return 2;
  }
  let targets: string[];
  try {
    targets = files.length > 0 ? files.map((f) => path.resolve(f)) : defaultFiles();
  } catch (e) {
    io.stderr(`flows lint: cannot list ${DEFAULT_FLOWS_DIR}: ${(e as Error).message}\n`);
    return 2;
  }
  let unusable = false;
  const results: FlowsLintFileResult[] = [];
  for (const file of targets) {
    const name = displayName(file);
    let content: string;
    try {
      content = fs.readFileSync(file, 'utf8');
    } catch (e) {
      io.stderr(`${name}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      unusable = true;
      continue;
    }
    const flowType = (options.type as FlowType | undefined) ?? flowTypeForFile(file);
    const diagnostics = lintFlow(content, {
      file: name,
      ...(flowType ? { flowType } : {}),
      placeholders,
      strict: options.strict === true,
    });
    results.push({ file: name, ...(flowType ? { flowType } : {}), diagnostics });
  }
  const all = results.flatMap((r) => r.diagnostics);
  const output: FlowsLintOutput = {
    files: results,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
  };
  if (options.json) {
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    for (const r of results) {
      if (!r.flowType) io.stdout(`${r.file}: (flow type unknown: pass --type to check where actions are allowed)\n`);
      for (const d of r.diagnostics) io.stdout(`${d.severity}: ${formatDiagnostic(d)}\n`);
    }
    io.stdout(`${results.length} flow(s): ${output.errors} error(s), ${output.warnings} warning(s)\n`);
  }
  if (unusable) return 2;
  return output.errors > 0 ? 1 : 0;
}

export function register(program: Command): void {
  const flows = program.command('flows').description('Work with the contact flows in contact-flows/');
  flows
    .command('lint')
    .description('Lint flow files (default: all of contact-flows/); exit 1 on any error')
    .argument('[files...]', 'flow files (flow-language JSON)')
    .option('--type <type>', `flow type for every file (default: from the flow catalog): ${FLOW_TYPES.join(', ')}`)
    .option('--placeholders <mode>', 'allow or forbid deploy-time placeholders (substituted at synth)', 'allow')
    .option('--strict', "also warn where the console's own exports never comply (e.g. a Play prompt without Error)")
    .option('--json', 'print JSON on stdout')
    .action((files: string[], options: FlowsLintOptions) => {
      process.exitCode = runFlowsLint(files, options);
    });
  registerRollback(flows);
  registerTest(flows);
}

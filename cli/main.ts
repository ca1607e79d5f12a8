import { runBuild } from './commands/build';
import { runCheck } from './commands/check';
import { runSim } from './commands/sim';
import { runLog } from './commands/log';
import { FAULT_USAGE } from './commands/faults';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Command {
  summary: string;
  usage: string;
  run: (argv: string[], io: Io) => Promise<number>;
}

/** Only commands that exist are listed: a subcommand arrives with the issue that asks for it. */
const COMMANDS: { [name: string]: Command } = {
  build: {
    summary: 'type-check sdk/ and firmware/, build one Espruino bundle for a board, and check that it fits',
    usage: 'homebound build <firmware> --board <id> [--out <dir>]',
    run: runBuild,
  },
  check: {
    summary: 'check an emitted bundle against the Espruino dialect (one line per violation)',
    usage: 'homebound check <bundle.js> [--json]',
    run: runCheck,
  },
  sim: {
    summary: 'run a firmware bundle in the simulator on virtual time and print a summary',
    usage: 'homebound sim <firmware> --board <id> --days <n> [--seed <s>] [--state <dir>] [--grant recipient/purpose[:tier]]... [--json <file>] [--quiet]\n       ' + FAULT_USAGE,
    run: runSim,
  },
  log: {
    summary: "print a simulated device's transparency log: every upload and every blocked upload",
    usage: 'homebound log --state <dir> [--board <id>] [--json]',
    run: runLog,
  },
};

export function helpText(): string {
  const lines = ['Usage: homebound <command> [options]', '', 'Commands:'];
  for (const name of Object.keys(COMMANDS)) lines.push(`  ${name.padEnd(7)} ${COMMANDS[name].summary}`);
  lines.push('', 'Run `homebound <command> --help` for its options.');
  return lines.join('\n');
}

const defaultIo: Io = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };

/** Entry point; returns the exit code (0 ok, 1 failure found, 2 usage or input error). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`homebound: unknown command '${name}'`);
    io.err(helpText());
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${cmd.usage}\n\n${cmd.summary}`);
    return 0;
  }
  return cmd.run(rest, io);
}

#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { adminCommand, migrateCommand } from './commands/admin';
import { authCommand } from './commands/auth';
import { blocksCommand } from './commands/blocks';
import { linksCommand } from './commands/links';
import { pagesCommand } from './commands/pages';
import { searchCommand } from './commands/search';
import { tagsCommand } from './commands/tags';
import { eventsCommand } from './commands/events';
import { webhooksCommand } from './commands/webhooks';
import { exportCommand, importCommand } from './commands/transfer';
import { configPath, resolveProfile, readConfig } from './config';
import { describeFailure, EXIT, processIo, setIo, type GlobalOptions, type Io } from './context';

const VERSION = '0.1.0';

const GLOBAL_HELP = `
Configuration: $XDG_CONFIG_HOME/ocean/config.yaml (default ~/.config/ocean/config.yaml), one
profile per deployment. The environment overrides the profile: OCEAN_BACKEND_URL,
OCEAN_ACCESS_TOKEN, OCEAN_REFRESH_TOKEN, OCEAN_API_KEY, OCEAN_PROFILE (AINATIVE_* names too).

Exit codes: 0 ok, 1 server or network error, 2 usage, 3 not signed in or not allowed,
4 not found.

Examples:
  $ ocean auth login -e ada@example.com
  $ ocean pages create "Roadmap"
  $ ocean blocks add PAGE_ID --type task "Ship the CLI"
  $ ocean pages tree
  $ ocean search roadmap --json | jq '.results[0]'
  $ ocean --profile staging --base-url https://staging.example.com auth login -e ada@example.com`;

/** The whole command tree; `io` receives commander's own output (help, usage errors). */
export function buildProgram(io: Io): Command {
  const program = new Command('ocean')
    .description('Ocean from the command line: pages, blocks, tags, links, search, events, webhooks, export/import')
    .version(VERSION, '-V, --version')
    .option('--profile <name>', 'the profile (deployment) to use; default: the current one, or "default"')
    .option('--json', 'print the raw API JSON on stdout (for scripts)')
    .option('--base-url <url>', 'the server, e.g. https://ocean.example.com (overrides the profile)')
    .addHelpText('after', GLOBAL_HELP);
  for (const command of [
    authCommand(),
    pagesCommand(),
    blocksCommand(),
    tagsCommand(),
    linksCommand(),
    searchCommand(),
    eventsCommand(),
    webhooksCommand(),
    exportCommand(),
    importCommand(),
    adminCommand(),
    migrateCommand(),
  ]) {
    program.addCommand(command);
  }
  // addCommand() does not pass settings down (only .command() does): every level gets them here.
  const configure = (command: Command): void => {
    command
      .exitOverride()
      .showHelpAfterError()
      .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) });
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** Runs one command line and answers its exit code; never throws, never prints a stack. */
export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  setIo(io);
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too; anything else commander refused is a usage error.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.OK : EXIT.USAGE;
    }
    const { line, exitCode } = describeFailure(err, baseUrlOf(program, io));
    io.stderr.write(`${line}\n`);
    return exitCode;
  }
}

/** The server a failure was about, for the one line that says it was unreachable. */
function baseUrlOf(program: Command, io: Io): string | undefined {
  try {
    const opts = program.opts<GlobalOptions>();
    return resolveProfile(readConfig(configPath(io.env)), opts, io.env).baseUrl;
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    // Exit once both streams are flushed: a pipe reader must get every byte of the output.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  });
}

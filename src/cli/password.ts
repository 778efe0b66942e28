import { CliError, EXIT, readAll, usageError, type CliContext } from './context';

/**
 * A password from stdin (`--password-stdin`: everything up to the first newline) or from a
 * prompt that does not echo. Never from argv: a flag's value lands in shell history and in `ps`.
 * The prompt writes to stderr so that stdout carries only results.
 */
export async function readPassword(
  ctx: CliContext,
  options: { fromStdin?: boolean; message?: string; confirm?: boolean },
): Promise<string> {
  if (options.fromStdin) {
    if (ctx.io.stdin.isTTY) ctx.note('reading the password from stdin (end with Enter, then Ctrl-D)');
    const password = (await readAll(ctx.io.stdin)).split(/\r?\n/, 1)[0] ?? '';
    if (password === '') throw usageError('--password-stdin: stdin holds no password');
    return password;
  }
  const { password } = await import('@inquirer/prompts');
  const context = { input: ctx.io.stdin, output: ctx.io.stderr };
  const first = await password({ message: options.message ?? 'Password:', mask: false }, context);
  if (first === '') throw usageError('no password given');
  // A confirmation only makes sense for a person at a terminal; piped input holds one line.
  if (options.confirm && ctx.io.stdin.isTTY) {
    const again = await password({ message: 'Repeat the password:', mask: false }, context);
    if (again !== first) throw new CliError('the passwords differ', EXIT.USAGE);
  }
  return first;
}

import { EnvValidationError } from '../config/env.schema';
import { StartupError } from './prepare-database';

/**
 * Runs a process entry point; known start-up failures become one readable line
 * on stderr and exit code 1, instead of a stack trace.
 */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof EnvValidationError) {
      process.stderr.write(`${name}: configuration error:\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    } else if (error instanceof StartupError) {
      process.stderr.write(`${name}: cannot start:\n${error.message.split('\n').map((line) => `  - ${line}`).join('\n')}\n`);
    } else {
      process.stderr.write(`${name}: failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    process.exit(1);
  });
}

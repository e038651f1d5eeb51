/**
 * How a Process may end, and the exit code Python's model gives each ending: 0 when the target returns, 1 when
 * it throws, n for exit(n), -N when signal N kills it. Shared by process.prop.ts (the reference) and the
 * CPython cross-check.
 */
import { constants } from 'node:os';
import { fc } from '@fast-check/ava';

/**
 * Signals whose default action is to terminate (no core dump, which would leave files behind), catchable ones
 * and SIGKILL. Not SIGPIPE: Node (like Python) ignores it, so it does not end the process.
 */
export const FATAL_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM', 'SIGTERM', 'SIGKILL', 'SIGVTALRM', 'SIGPROF'] as const;
export type FatalSignal = (typeof FATAL_SIGNALS)[number];

export type Ending =
  | { readonly kind: 'return' }
  | { readonly kind: 'resolve later'; readonly ms: number }
  | { readonly kind: 'throw' }
  | { readonly kind: 'reject later'; readonly ms: number }
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'exit later'; readonly code: number; readonly ms: number }
  | { readonly kind: 'signal itself'; readonly signal: FatalSignal }
  | { readonly kind: 'parent terminate()' }
  | { readonly kind: 'parent kill()' };

const ms = fc.integer({ min: 0, max: 30 });
const code = fc.integer({ min: 0, max: 255 });

export const endings: fc.Arbitrary<Ending> = fc.oneof(
  fc.constant({ kind: 'return' as const }),
  fc.record({ kind: fc.constant('resolve later' as const), ms }),
  fc.constant({ kind: 'throw' as const }),
  fc.record({ kind: fc.constant('reject later' as const), ms }),
  fc.record({ kind: fc.constant('exit' as const), code }),
  fc.record({ kind: fc.constant('exit later' as const), code, ms }),
  fc.record({ kind: fc.constant('signal itself' as const), signal: fc.constantFrom(...FATAL_SIGNALS) }),
  fc.constant({ kind: 'parent terminate()' as const }),
  fc.constant({ kind: 'parent kill()' as const }),
);

export const ENDINGS_GENERATOR =
  'endings: return, resolve later, throw, reject later, exit(0..255), exit later, signal itself ' +
  `(${FATAL_SIGNALS.join(', ')}), parent terminate(), parent kill()`;

/** Python's exitcode for this ending. */
export function expectedExitCode(ending: Ending): number {
  switch (ending.kind) {
    case 'return':
    case 'resolve later':
      return 0;
    case 'throw':
    case 'reject later':
      return 1;
    case 'exit':
    case 'exit later':
      return ending.code;
    case 'signal itself':
      return -constants.signals[ending.signal];
    case 'parent terminate()':
      return -constants.signals.SIGTERM;
    case 'parent kill()':
      return -constants.signals.SIGKILL;
  }
}

import type { z } from 'zod';
import type { CallSpec } from './define';
import { correctionsContract } from './corrections';
import { importContract } from './import';
import { lettersContract } from './letters';
import { recordsContract } from './records';
import { schoolContract } from './school';
import { syncContract } from './sync';

export * from './result';
export * from './define';
export * from './events';

/** Every call of the app, by `feature.verb`. Adding a call is one edit in its feature's file. */
export const contract = {
  ...schoolContract,
  ...importContract,
  ...recordsContract,
  ...correctionsContract,
  ...syncContract,
  ...lettersContract,
} as const satisfies Record<string, CallSpec>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
/** What a caller may send (defaults optional). */
export type Input<N extends CallName> = z.input<Contract[N]['input']>;
/** What a handler receives (defaults applied). */
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type Output<N extends CallName> = z.output<Contract[N]['output']>;

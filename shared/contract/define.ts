import type { z } from 'zod';

/** Reads run at once; writes are queued and run one at a time. */
export type CallKind = 'read' | 'write';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: CallKind;
  input: I;
  output: O;
}

export const read = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({
  kind: 'read',
  input,
  output,
});

export const write = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> => ({
  kind: 'write',
  input,
  output,
});

import type { z } from 'zod';

/** One request/response method of the contract: input and output are checked at every transport boundary. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> => ({ input, output });

/** A server-to-client event; its payload is checked before it leaves the main process. */
export const event = <P extends z.ZodType>(payload: P): P => payload;

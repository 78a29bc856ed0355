import type { z } from 'zod';
import type { MethodName, Methods, MethodOutput } from '../../shared/api/contract';

export interface HandlerContext {
  /** Which transport delivered the call; handlers rarely care, logs do. */
  transport: 'ipc' | 'ws' | 'memory';
}

export type Handler<M extends MethodName> = (input: z.output<Methods[M]['input']>, ctx: HandlerContext) => Promise<MethodOutput<M>> | MethodOutput<M>;

export type Handlers = { [M in MethodName]: Handler<M> };
/** What one feature module contributes; index.ts checks that together they cover the contract. */
export type HandlerGroup<K extends MethodName> = { [M in K]: Handler<M> };

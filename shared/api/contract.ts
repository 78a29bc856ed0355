import type { z } from 'zod';
import type { MethodSpec } from './define';
import { appMethods, appEvents } from './domains/app';
import { credentialsMethods } from './domains/credentials';
import { jobsMethods, jobsEvents } from './domains/jobs';
import { assistedMethods, assistedEvents } from './domains/assisted';
import { clusterMethods, clusterEvents } from './domains/cluster';
import { manualMethods, manualEvents } from './domains/manual';
import { isoMethods, isoEvents } from './domains/iso';
import { terminalMethods, terminalEvents } from './domains/terminal';
import { artifactsMethods, artifactsEvents } from './domains/artifacts';
import { usbMethods, usbEvents } from './domains/usb';
import { handoffMethods } from './domains/handoff';
import { nodeimageMethods, nodeimageEvents } from './domains/nodeimage';
import { practiceKitMethods } from './domains/practice-kit';

/**
 * The whole API between the renderer and the main process. Every transport (Electron IPC,
 * the WebSocket browser host, in-memory for tests) carries exactly these names and checks
 * these schemas. Feature modules add their domain file here.
 */
export const methods = {
  ...appMethods,
  ...credentialsMethods,
  ...jobsMethods,
  ...assistedMethods,
  ...clusterMethods,
  ...manualMethods,
  ...isoMethods,
  ...terminalMethods,
  ...artifactsMethods,
  ...usbMethods,
  ...handoffMethods,
  ...nodeimageMethods,
  ...practiceKitMethods,
} satisfies Record<string, MethodSpec>;

export const events = {
  ...appEvents,
  ...jobsEvents,
  ...assistedEvents,
  ...clusterEvents,
  ...manualEvents,
  ...isoEvents,
  ...terminalEvents,
  ...artifactsEvents,
  ...usbEvents,
  ...nodeimageEvents,
} satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export * from './flow-control';
export * from './job-context';
export * from './env-filter';
export * from './session-log';
export * from './ssh-target';

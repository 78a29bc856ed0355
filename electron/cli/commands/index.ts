import type { CliCommand } from '../command';

/** Every `sno-field-kit` sub-command; feature modules add theirs. */
export const commands: CliCommand[] = [];

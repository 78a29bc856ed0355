import type { CliCommand } from '../command';
import { ignitionCommand } from './ignition';
import { csrCommand } from './csr';
import { networkCommand } from './network';
import { isoCommand } from './iso';
import { reportCommand, exportCommand } from './handoff';
import { jobsCommand } from './jobs';

/** Every `sno-field-kit` sub-command; feature modules add theirs. */
export const commands: CliCommand[] = [csrCommand, ignitionCommand, networkCommand, isoCommand, jobsCommand, reportCommand, exportCommand];

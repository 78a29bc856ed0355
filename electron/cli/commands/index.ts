import type { CliCommand } from '../command';
import { ignitionCommand } from './ignition';
import { csrCommand } from './csr';
import { networkCommand } from './network';
import { isoCommand } from './iso';
import { reportCommand, exportCommand } from './handoff';
import { jobsCommand } from './jobs';
import { nodeImageCommand } from './node-image';

/** Every `sno-field-kit` sub-command; feature modules add theirs. */
export const commands: CliCommand[] = [csrCommand, ignitionCommand, networkCommand, isoCommand, nodeImageCommand, jobsCommand, reportCommand, exportCommand];

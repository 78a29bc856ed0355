import { parse } from 'yaml';
import { translate } from '../../../shared/i18n/translate';
import { blocking } from '../../../shared/network/issue';
import { validateNodesConfig } from '../../../shared/nodeimage/validate-nodes-config';
import type { CliCommand, CliIo } from '../command';
import { formatIssues, guarded, readInput, UsageError } from './manual-cli-util';

/**
 * `sno-field-kit node-image validate [nodes-config.yaml|-]`: a nodes-config.yaml written by hand
 * (or by another tool) checked against the installer's rules before `oc adm node-image create`
 * runs, each problem at its field.
 */
export const nodeImageCommand: CliCommand = {
  name: 'node-image',
  summary: 'Check a nodes-config.yaml for oc adm node-image create against the installer rules',
  run: (argv, io) =>
    guarded(io, async () => {
      const [sub, ...rest] = argv;
      if (!sub || sub === '--help' || sub === '-h') {
        io.stdout(translate(io.lang, 'nodeimage.cli.help'));
        return sub ? 0 : 2;
      }
      if (sub === 'validate') return validate(rest, io);
      throw new UsageError(translate(io.lang, 'manual.cli.unknownSub', { sub, command: 'node-image' }));
    }),
};

async function validate(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    io.stdout(translate(io.lang, 'nodeimage.cli.help'));
    return 0;
  }
  const text = await readInput(io, argv[0]);
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UsageError(translate(io.lang, 'manual.cli.badYaml', { reason: (err as Error).message }));
  }
  const issues = validateNodesConfig(doc ?? {});
  io.stdout(issues.length > 0 ? formatIssues(io, issues) : `${translate(io.lang, 'nodeimage.cli.valid')}\n`);
  return blocking(issues).length > 0 ? 1 : 0;
}

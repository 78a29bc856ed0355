import { AppError } from '../../../shared/api/errors';
import type { PracticeKit } from '../../practice/practice-kit';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type PracticeKitMethods = 'practice.kit' | 'practice.credentials' | 'practice.setFlakyLink';

function kitOf(s: Services): PracticeKit {
  if (!s.practiceKit) throw new AppError('practiceKit.off');
  return s.practiceKit;
}

const summary = (kit: PracticeKit) => ({ flakyLink: kit.mirror.flakyLink(), consoleUrl: kit.consoleUrl, mirrorBaseUrl: kit.mirror.mirrorBaseUrl });

export function practiceKitHandlers(s: Services): HandlerGroup<PracticeKitMethods> {
  return {
    'practice.kit': () => summary(kitOf(s)),
    'practice.credentials': () => {
      const { pullSecretPath, sshPublicKeyPath, sshPrivateKeyPath, sshPublicKey, created } = kitOf(s).credentials();
      if (created) s.logger.info('practice credentials made', { pullSecretPath, sshPublicKeyPath });
      return { practice: true as const, pullSecretPath, sshPublicKeyPath, sshPrivateKeyPath, sshPublicKey };
    },
    'practice.setFlakyLink': ({ on }) => {
      const kit = kitOf(s);
      kit.mirror.setFlakyLink(on);
      return summary(kit);
    },
  };
}

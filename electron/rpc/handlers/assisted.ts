import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type AssistedMethods =
  | 'assisted.state'
  | 'assisted.setCluster'
  | 'assisted.prepareCluster'
  | 'assisted.checkPullSecret'
  | 'assisted.sshKeys'
  | 'assisted.saveInfraEnv'
  | 'assisted.imageUrl'
  | 'assisted.downloadIso'
  | 'assisted.watch'
  | 'assisted.refresh'
  | 'assisted.setHostname'
  | 'assisted.selectHost'
  | 'assisted.install'
  | 'assisted.reset';

export function assistedHandlers(s: Services): HandlerGroup<AssistedMethods> {
  const a = s.assisted;
  return {
    'assisted.state': ({ id }) => a.state(id),
    'assisted.setCluster': (input) => a.setCluster(input),
    'assisted.prepareCluster': ({ id }) => a.prepareCluster(id),
    'assisted.checkPullSecret': ({ path }) => a.checkPullSecret(path),
    'assisted.sshKeys': async () => {
      const keys = await a.sshKeys();
      // Practice mode offers the practice key first (made on first use; its comment says practice).
      const practice = s.practiceKit?.credentials();
      return practice ? [{ path: practice.sshPublicKeyPath, key: practice.sshPublicKey, type: 'ssh-ed25519', comment: practice.sshPublicKey.split(' ')[2] }, ...keys] : keys;
    },
    'assisted.saveInfraEnv': (input) => a.saveInfraEnv(input),
    'assisted.imageUrl': ({ id }) => a.imageUrl(id),
    'assisted.downloadIso': ({ id }) => a.downloadIso(id),
    'assisted.watch': ({ id, active }) => a.watch(id, active),
    'assisted.refresh': ({ id }) => a.refresh(id),
    'assisted.setHostname': ({ id, hostId, name }) => a.setHostname(id, hostId, name),
    'assisted.selectHost': ({ id, hostId }) => a.selectHost(id, hostId),
    'assisted.install': ({ id, hostId }) => a.install(id, hostId),
    'assisted.reset': ({ id, hostId }) => a.reset(id, hostId),
  };
}

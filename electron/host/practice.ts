import { systemClock, type Clock } from '../services/clock';
import { startSsoSimulator, type SsoSimulator } from '../services/simulators/sso-simulator';
import { startAssistedSimulator, type AssistedSimulator } from '../services/simulators/assisted-simulator';

export interface PracticeEnvironment {
  sso: SsoSimulator;
  assisted: AssistedSimulator;
  settings: { apiUrl: string; ssoUrl: string };
  close(): Promise<void>;
}

/**
 * Practice mode: local simulators of Red Hat SSO and the Assisted Installer, so a technician can
 * rehearse the whole flow with no account and no cluster. Any well-formed offline token works.
 */
export async function startPracticeEnvironment(clock: Clock = systemClock): Promise<PracticeEnvironment> {
  const sso = await startSsoSimulator({ clock, acceptAnyWellFormedToken: true });
  const assisted = await startAssistedSimulator({ validateToken: (t) => sso.validateAccessToken(t) });
  return {
    sso,
    assisted,
    settings: { apiUrl: assisted.url, ssoUrl: sso.tokenUrl },
    close: async () => {
      await assisted.close();
      await sso.close();
    },
  };
}

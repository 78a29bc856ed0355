import { systemClock, type Clock } from '../services/clock';
import { startSsoSimulator, type SsoSimulator } from '../services/simulators/sso-simulator';
import type { AssistedSimulator } from '../services/simulators/assisted-simulator';
import { startDay2Simulator } from '../services/simulators/assisted-day2';

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
  // Day-2 flow: a simulated machine "boots" the discovery ISO a few seconds after it was downloaded,
  // reports hostname localhost (so the technician practises naming it) and a clock that needs NTP first.
  const assisted = await startDay2Simulator(
    { validateToken: (t) => sso.validateAccessToken(t) },
    { clock, tickMs: 3000, bootAfterDownloadMs: 4000, practiceHost: { hostname: 'localhost', ntpFailTicks: 2 } },
  );
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

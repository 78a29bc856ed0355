export type ConnectionState = 'online' | 'offline' | 'practice';

/** Practice mode wins (nothing real is reached); else offline when the host or the network is gone. */
export function connectionState({ practiceMode, hostConnected, browserOnline }: { practiceMode: boolean; hostConnected: boolean; browserOnline: boolean }): ConnectionState {
  if (practiceMode) return 'practice';
  return hostConnected && browserOnline ? 'online' : 'offline';
}

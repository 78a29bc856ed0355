/**
 * The node-image ISO carries an authentication token the node presents when it joins; it expires
 * 48 hours after the ISO was made. After that the ISO must be made again (nothing else changes).
 */
export const TOKEN_LIFETIME_MS = 48 * 3600_000;
/** Below this the countdown turns into a warning: a node booted now may still be installing at expiry. */
export const EXPIRY_WARNING_MS = 6 * 3600_000;

export type ExpiryState = 'valid' | 'soon' | 'expired';

export interface Expiry {
  expiresAt: string;
  remainingMs: number;
  state: ExpiryState;
}

export function expiryOf(createdAt: string, now: number): Expiry {
  const expires = Date.parse(createdAt) + TOKEN_LIFETIME_MS;
  const remainingMs = Math.max(0, expires - now);
  const state: ExpiryState = remainingMs === 0 ? 'expired' : remainingMs <= EXPIRY_WARNING_MS ? 'soon' : 'valid';
  return { expiresAt: new Date(expires).toISOString(), remainingMs, state };
}

/** "47:59:59": hours may exceed 24 so the technician reads the token's life directly. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

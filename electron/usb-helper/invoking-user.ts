import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError } from '../../shared/api/errors';

/** The user who asked for the write, with the groups the system gives them. */
export interface InvokingUser {
  uid: number;
  gid: number;
  groups: number[];
}

const run = promisify(execFile);

/**
 * pkexec(1) sets PKEXEC_UID to the uid of the process that ran it. Absent when the app itself
 * runs as root (nothing to check then); anything but a plain number is refused.
 */
export function invokingUid(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.PKEXEC_UID;
  if (raw === undefined) return undefined;
  if (!/^\d{1,10}$/.test(raw)) throw new AppError('usb.protocolError', { reason: 'PKEXEC_UID is not a user id' });
  return Number(raw);
}

/** Parses the output of `id -G` (numbers separated by spaces). */
export function parseIdList(text: string): number[] {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 0 || !parts.every((p) => /^\d{1,10}$/.test(p))) throw new Error(`unexpected id output: ${text.slice(0, 80)}`);
  return parts.map(Number);
}

/**
 * The invoking user's primary group and every supplementary group, as the system's name service
 * knows them (/etc/group, LDAP, sssd): `id -u/-g/-G <uid>`. A uid without a user entry gets no
 * access at all.
 */
export async function lookupUser(uid: number): Promise<InvokingUser> {
  try {
    const ask = async (flag: string) => parseIdList((await run('id', [flag, '--', String(uid)], { timeout: 10_000 })).stdout);
    const [[resolved], [gid], groups] = await Promise.all([ask('-u'), ask('-g'), ask('-G')]);
    if (resolved !== uid || gid === undefined) throw new Error('id answered for another user');
    return { uid, gid, groups };
  } catch {
    throw new AppError('usb.imageNotReadable');
  }
}

/** The user to check the image for, or undefined when root itself asked (no pkexec). */
export async function invokingUser(env: NodeJS.ProcessEnv): Promise<InvokingUser | undefined> {
  const uid = invokingUid(env);
  return uid === undefined || uid === 0 ? undefined : lookupUser(uid);
}

/**
 * Runs `fn` — synchronously, so nothing else runs meanwhile — with the user's effective uid, gid
 * and groups, then returns to root. Whatever `fn` opens, the kernel checked with the user's rights:
 * every folder on the path, the file itself, ACLs and LSM rules, exactly as if the user opened it.
 */
export function asUser<T>(user: InvokingUser, fn: () => T): T {
  const p = process;
  if (!p.seteuid || !p.setegid || !p.setgroups || !p.getgroups || !p.getegid) throw new AppError('usb.imageNotReadable');
  const savedGroups = p.getgroups();
  const savedEgid = p.getegid();
  p.setgroups(user.groups);
  p.setegid(user.gid);
  p.seteuid(user.uid);
  try {
    return fn();
  } finally {
    // real and saved uid stay 0, so root can be taken back; groups last, which needs root again
    p.seteuid(0);
    p.setegid(savedEgid);
    p.setgroups(savedGroups);
  }
}

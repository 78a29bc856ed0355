import { AppError } from '../../../shared/api/errors';
import type { AccessCheck } from '../../../shared/api/domains/credentials';
import { hostOf } from '../net/host';
import type { AuthorizedFetch } from './authorized-fetch';

/** "Test access": the cheapest authenticated call, GET /api/assisted-install/v2/component-versions. */
export async function checkAccess(apiUrl: string, authorizedFetch: AuthorizedFetch, now: () => Date = () => new Date()): Promise<AccessCheck> {
  const url = new URL('/api/assisted-install/v2/component-versions', apiUrl).toString();
  const response = await authorizedFetch(url);
  if (!response.ok) {
    await response.body?.cancel();
    throw new AppError('common.httpStatus', { host: hostOf(url), status: response.status });
  }
  const body = (await response.json()) as { versions?: Record<string, string>; release_tag?: string };
  const result: AccessCheck = { apiUrl, versions: body.versions ?? {}, checkedAt: now().toISOString() };
  if (body.release_tag) result.releaseTag = body.release_tag;
  return result;
}

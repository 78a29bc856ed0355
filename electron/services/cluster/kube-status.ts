import { AppError } from '../../../shared/api/errors';

/** An API server's non-2xx answer as the error the technician reads (the path without its query, never a token). */
export function apiStatusError(status: number, message: string, at: { path: string; server: string; context: string }): AppError {
  switch (status) {
    case 401:
      return new AppError('cluster.unauthorized', { server: at.server, context: at.context });
    case 403:
      return new AppError('cluster.forbidden', { path: at.path, message });
    case 404:
      return new AppError('cluster.notFound', { path: at.path, message });
    case 409:
      return new AppError('cluster.conflict', { path: at.path, message });
    case 410:
      return new AppError('cluster.gone', { path: at.path });
    default:
      return new AppError('cluster.apiError', { status, message });
  }
}

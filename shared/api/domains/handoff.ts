import { z } from 'zod';
import { method } from '../define';
import { languages } from '../../i18n/translate';
import { fleetOptionsSchema } from '../../handoff/fleet-options';

/**
 * Hand-off after the last CSR: the customer's site report (HTML built from the job and its audit
 * log, optionally printed to PDF by the desktop app) and the fleet export (ACM / GitOps ZTP
 * manifests in the job folder). Nothing here ever carries a secret.
 */
const jobId = z.string().regex(/^[a-z0-9-]{6,64}$/);
const lang = z.enum(languages);

export const exportedFileSchema = z.object({ path: z.string(), purpose: z.string(), applied: z.boolean() });
export const skippedPartSchema = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const handoffMethods = {
  /** The site report as one self-contained HTML document in the given language (the browser downloads it as a file) */
  'handoff.report': method(z.object({ jobId, lang }), z.object({ html: z.string(), fileName: z.string(), finished: z.boolean() })),
  /** What this shell can do: printing to PDF needs the desktop app (the browser host answers false) */
  'handoff.capabilities': method(z.void(), z.object({ pdf: z.boolean() })),
  /** Prints the site report to jobs/<id>/report/site-report-<lang>.pdf (desktop app only) */
  'handoff.savePdf': method(z.object({ jobId, lang }), z.object({ path: z.string(), size: z.number() })),
  /** Export options prefilled from the job (names, boot MAC, BMC, SSH public key) */
  'handoff.fleetDefaults': method(z.object({ jobId }), fleetOptionsSchema),
  /** Writes the fleet export into jobs/<id>/export/ (replacing the previous one as a whole) */
  'handoff.exportFleet': method(z.object({ jobId, lang, options: fleetOptionsSchema }), z.object({ folder: z.string(), files: z.array(exportedFileSchema), skipped: z.array(skippedPartSchema) })),
  /** Opens the job's export or report folder in the file manager; the browser host answers opened:false and the UI shows the path */
  'handoff.openFolder': method(z.object({ jobId, what: z.enum(['export', 'report']) }), z.object({ opened: z.boolean(), path: z.string() })),
};

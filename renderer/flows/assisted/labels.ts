import type { TFunction } from 'i18next';
import { stageKey, statusKey } from '../../../shared/assisted/status';
import { validationKey } from '../../../shared/assisted/validations';

/** Translated host status; a status this app does not know is shown as the service sent it. */
export function statusLabel(t: TFunction, status: string): string {
  const key = statusKey(status);
  return key ? t(`assisted.status.${key}`) : status;
}

export function stageLabel(t: TFunction, stage: string | undefined): string {
  if (!stage) return '';
  const key = stageKey(stage);
  return key ? t(`assisted.stage.${key}`) : stage;
}

export interface ValidationText {
  label: string;
  explain?: string;
  fix?: string;
}

/** Label, plain explanation and fix hint for a validation id; unknown ids fall back to the service's message. */
export function validationText(t: TFunction, id: string, serviceMessage: string): ValidationText {
  const key = validationKey(id);
  if (!key) return { label: id, explain: serviceMessage };
  const fix = t(`assisted.validation.${key}.fix`);
  return { label: t(`assisted.validation.${key}.label`), explain: t(`assisted.validation.${key}.explain`), ...(fix !== '—' ? { fix } : {}) };
}

export function categoryLabel(t: TFunction, category: string): string {
  return ['hardware', 'network', 'operators'].includes(category) ? t(`assisted.category.${category}`) : category;
}

/** Our explanation of the service's status_info for a host status; the service's own words go in the toggle. */
export function statusInfoText(t: TFunction, status: string): string {
  const key = statusKey(status);
  const own = key ? t(`assisted.statusInfo.${key}`, { defaultValue: '' }) : '';
  return own || t('assisted.statusInfo.other', { status: statusLabel(t, status) });
}

/** Event names (assisted-service `name`) with our own wording; other events get a generic lead. */
const explainedEvents = [
  'host_registration_succeeded',
  'host_status_updated',
  'host_install_progress_updated',
  'host_validation_failed',
  'host_validation_fixed',
  'cluster_registration_succeeded',
  'infra_env_registration_succeeded',
] as const;

export function eventText(t: TFunction, name: string | undefined): string {
  if (name && (explainedEvents as readonly string[]).includes(name)) return t(`assisted.event.${name.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())}`);
  return t('assisted.event.other');
}

export function severityLabel(t: TFunction, severity: string): string {
  return ['warning', 'error', 'critical'].includes(severity) ? t(`assisted.event.severity.${severity}`) : severity;
}

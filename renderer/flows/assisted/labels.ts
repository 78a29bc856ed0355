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

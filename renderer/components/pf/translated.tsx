/**
 * PatternFly components whose built-in words (the hidden "Info alert:" before an alert title, "Close"
 * on close buttons, "Copy to clipboard", "Label group category") PatternFly writes in English. These
 * wrappers fill them in the technician's language; everything else passes through unchanged. The
 * renderer imports these from here, never from @patternfly/react-core
 * (test/unit/translated-pf.test.ts enforces it).
 */
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert as PfAlert,
  AlertActionCloseButton as PfAlertActionCloseButton,
  AlertContext,
  Button,
  HelperTextItem as PfHelperTextItem,
  ClipboardCopy as PfClipboardCopy,
  LabelGroup as PfLabelGroup,
  Modal as PfModal,
  WizardNavItem as PfWizardNavItem,
  type WizardNavItemProps,
  type AlertActionCloseButtonProps,
  type AlertProps,
  type ClipboardCopyProps,
  type HelperTextItemProps,
  type LabelGroupProps,
  type ModalProps,
} from '@patternfly/react-core';
import CloseIcon from '@patternfly/react-icons/dist/esm/icons/rh-microns-close-icon';
import DoneIcon from '@patternfly/react-icons/dist/esm/icons/rh-ui-check-circle-fill-icon';
import AttentionIcon from '@patternfly/react-icons/dist/esm/icons/rh-ui-warning-fill-icon';

/** The hidden lead a screen reader reads before an alert's title ("信息提示："). */
export function useAlertVariantLabel(variant: AlertProps['variant'] = 'custom'): string {
  const { t } = useTranslation();
  return t(`common.pf.alertVariant.${variant}`);
}

export function Alert(props: AlertProps) {
  const { t } = useTranslation();
  const variantLabel = useAlertVariantLabel(props.variant);
  return <PfAlert variantLabel={variantLabel} toggleAriaLabel={t('common.pf.alertDetails')} {...props} />;
}

export function AlertActionCloseButton(props: AlertActionCloseButtonProps) {
  const { t } = useTranslation();
  // Inside an Alert, PatternFly provides the alert's title: the close button names the alert it closes.
  const { title } = useContext(AlertContext);
  const label = typeof title === 'string' && title ? t('common.pf.closeAlertTitled', { title }) : t('common.pf.closeAlert');
  return <PfAlertActionCloseButton aria-label={label} {...props} />;
}

/**
 * PatternFly's Modal labels its close button "Close" with no way to change it, so the button is drawn
 * here, where PatternFly draws it (first in the box), and Escape still calls onClose.
 */
export function Modal({ onClose, onEscapePress, children, ...props }: Omit<ModalProps, 'ref'>) {
  const { t } = useTranslation();
  return (
    <PfModal {...props} {...(onClose || onEscapePress ? { onEscapePress: onEscapePress ?? onClose } : {})}>
      {onClose && (
        <div className="pf-v6-c-modal-box__close">
          <Button variant="plain" aria-label={t('common.close')} onClick={(event) => onClose(event)} icon={<CloseIcon />} data-testid="modal-close" />
        </div>
      )}
      {children}
    </PfModal>
  );
}

export function ClipboardCopy(props: Omit<ClipboardCopyProps, 'ref'>) {
  const { t } = useTranslation();
  return (
    <PfClipboardCopy
      hoverTip={t('common.copy')}
      clickTip={t('common.copied')}
      copyAriaLabel={t('common.pf.copyToClipboard')}
      textAriaLabel={t('common.pf.copyableText')}
      toggleAriaLabel={t('common.pf.showContent')}
      {...props}
    />
  );
}

export function LabelGroup(props: Omit<LabelGroupProps, 'ref'>) {
  const { t } = useTranslation();
  return (
    <PfLabelGroup
      aria-label={t('common.pf.labelGroup')}
      // PatternFly fills ${remaining} itself.
      collapsedText={t('common.pf.moreLabels')}
      expandedText={t('common.pf.showLess')}
      closeBtnAriaLabel={t('common.pf.closeLabelGroup')}
      {...props}
    />
  );
}

/** A field message's hidden lead ("warning status") read before it. */
export function HelperTextItem(props: HelperTextItemProps) {
  const { t } = useTranslation();
  const variant = props.variant ?? 'default';
  return <PfHelperTextItem screenReaderText={t(`common.pf.helperStatus.${variant}`)} {...props} />;
}

const NAV_STATUS_ICON = {
  success: <DoneIcon color="var(--pf-t--global--icon--color--status--success--default)" />,
  warning: <AttentionIcon color="var(--pf-t--global--icon--color--status--warning--default)" />,
} as const;

/**
 * PatternFly's wizard step reads its status aloud as the raw English word (", success") with no way
 * to change it, so the status icon and its hidden words are drawn here, inside the step's label.
 */
export function WizardNavItem({ status = 'default', content, ...props }: WizardNavItemProps & { status?: 'default' | 'success' | 'warning' }) {
  const { t } = useTranslation();
  if (status === 'default') return <PfWizardNavItem content={content} {...props} />;
  return (
    <PfWizardNavItem
      {...props}
      content={
        <>
          <span className="pf-v6-screen-reader">{t(`common.pf.wizardStepStatus.${status}`)}</span>
          <span className="pf-v6-c-wizard__nav-link-status-icon">{NAV_STATUS_ICON[status]}</span>
          {content}
        </>
      }
    />
  );
}

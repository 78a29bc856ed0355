import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button, type ButtonProps } from '@patternfly/react-core';

/** Where a step puts its footer buttons: the shell owns the footer, the step owns what its buttons do. */
export interface WizardFooterSlots {
  action: HTMLElement | null;
  next: HTMLElement | null;
  /** A step that renders its own Next (save, then move on) hides the shell's default one while mounted. */
  claimNext: () => () => void;
  /** No other primary button is on the step: Next is the primary one. */
  nextIsPrimary: boolean;
}

export const WizardFooterContext = createContext<WizardFooterSlots | null>(null);

type FooterButtonProps = Omit<ButtonProps, 'variant'> & { testId?: string; children: ReactNode };

/**
 * The step's action in the footer ("Generate", "Install host", "Run"). `isPrimary` says whether it is
 * the step's one primary action right now; once its work is done the step passes false and the
 * footer's Next becomes the primary button.
 */
export function WizardAction({ isPrimary = true, testId, children, ...props }: FooterButtonProps & { isPrimary?: boolean }) {
  const slots = useContext(WizardFooterContext);
  const button = (
    <Button variant={isPrimary ? 'primary' : 'secondary'} data-testid={testId} {...props}>
      {children}
    </Button>
  );
  // Outside a wizard (a unit test of one step) the button stays where it is.
  if (!slots) return button;
  return slots.action ? createPortal(button, slots.action) : null;
}

/** Replaces the footer's Next for this step, e.g. "save the network, then go on". */
export function WizardNext({ testId, children, ...props }: FooterButtonProps) {
  const slots = useContext(WizardFooterContext);
  const claim = slots?.claimNext;
  useEffect(() => claim?.(), [claim]);
  const button = (
    <Button variant={slots?.nextIsPrimary === false ? 'secondary' : 'primary'} data-testid={testId} data-wizard-next {...props}>
      {children}
    </Button>
  );
  if (!slots) return button;
  return slots.next ? createPortal(button, slots.next) : null;
}

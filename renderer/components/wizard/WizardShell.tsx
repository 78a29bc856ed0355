import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, FlexItem, Title, WizardFooterWrapper, WizardNav } from '@patternfly/react-core';
import { WizardNavItem } from '../pf/translated';
import type { HelpTopic } from '../../../shared/help/topics';
import { HelpLink } from '../HelpLink';
import type { Job } from '../../../shared/api/domains/jobs';
import { navStatus, type StepStates } from './step-status';
import { WizardFooterContext, type WizardFooterSlots } from './wizard-context';
import { MarkDoneButton } from './MarkDoneButton';
import { useOtherPrimary } from './use-other-primary';
import './wizard.css';

export interface WizardShellProps<Id extends string> {
  job: Job;
  ids: readonly Id[];
  states: StepStates<Id>;
  current: Id;
  onGo: (id: Id) => void;
  /** The step's name in the list and as the heading */
  label: (id: Id) => string;
  /** Accessible name of the step list */
  navLabel: string;
  /** Prefix of the test ids: `${prefix}-nav-${id}`, `${prefix}-step-title` */
  prefix: string;
  /** The guide section for each step, opened by the Help link next to the step's title */
  helpTopic: (id: Id) => HelpTopic;
  children: ReactNode;
}

/**
 * PatternFly's wizard layout for every flow: the step list (with each step's true state), the step,
 * and a footer that stays in view (Back, the step's one action, Next, and "Mark job done"). The
 * footer sticks to the bottom of the window, so at 1366x768 the main action is visible however
 * long the step is. Next is the primary button only when the step shows no primary action of its own.
 */
export function WizardShell<Id extends string>({ job, ids, states, current, onGo, label, navLabel, prefix, helpTopic, children }: WizardShellProps<Id>) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const [action, setAction] = useState<HTMLElement | null>(null);
  const [next, setNext] = useState<HTMLElement | null>(null);
  const [claims, setClaims] = useState(0);
  const claimNext = useCallback(() => {
    setClaims((n) => n + 1);
    return () => setClaims((n) => n - 1);
  }, []);
  const otherPrimary = useOtherPrimary(root);
  const index = ids.indexOf(current);
  const isLast = index === ids.length - 1;
  const nextId = ids[index + 1];
  const backId = [...ids.slice(0, index)].reverse().find((s) => states[s].enabled);
  const slots: WizardFooterSlots = useMemo(() => ({ action, next, claimNext, nextIsPrimary: !otherPrimary }), [action, next, claimNext, otherPrimary]);
  // A new step starts at its top, not where the previous one was scrolled to.
  // (A block body: newer Chromium returns a promise from scrollIntoView, which must not become the effect's cleanup.)
  // A wizard taller than the window was left scrolled past its top by the last step ('nearest' does
  // not move an element that already fills the view): then its top is brought back into view.
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    el.scrollIntoView?.({ block: topIsHidden(el) ? 'start' : 'nearest' });
  }, [current]);

  return (
    <WizardFooterContext.Provider value={slots}>
      <div ref={root} className="sfk-wizard" data-testid={`${prefix}-wizard`} data-current={current}>
        <div className="sfk-wizard__main">
          {/* The wizard's own nav outside a full-screen Wizard: keep its look (variables on .pf-v6-c-wizard), drop its overlay positioning. */}
          <div className="pf-v6-c-wizard sfk-wizard__nav">
            <WizardNav aria-label={navLabel}>
              {ids.map((s, i) => (
                <WizardNavItem
                  key={s}
                  id={`${prefix}-nav-${s}`}
                  data-testid={`${prefix}-nav-${s}`}
                  data-status={states[s].status}
                  stepIndex={i}
                  content={label(s)}
                  status={navStatus(states[s].status)}
                  isCurrent={current === s}
                  isDisabled={!states[s].enabled}
                  isVisited={states[s].enabled}
                  onClick={() => onGo(s)}
                />
              ))}
            </WizardNav>
          </div>
          <div className="sfk-wizard__body">
            <Flex alignItems={{ default: 'alignItemsBaseline' }} spaceItems={{ default: 'spaceItemsMd' }}>
              <FlexItem>
                <Title headingLevel="h3" data-testid={`${prefix}-step-title`}>
                  {label(current)}
                </Title>
              </FlexItem>
              <FlexItem>
                <HelpLink topic={helpTopic(current)} />
              </FlexItem>
            </Flex>
            <div style={{ marginTop: 16 }}>{children}</div>
          </div>
        </div>
        <WizardFooterWrapper className="sfk-wizard__footer">
          {backId !== undefined && (
            <Button variant="secondary" onClick={() => onGo(backId)} data-testid="wizard-back" data-wizard-default>
              {t('common.back')}
            </Button>
          )}
          <span ref={setAction} className="sfk-wizard__slot" />
          <span ref={setNext} className="sfk-wizard__slot" />
          {!isLast && claims === 0 && nextId !== undefined && (
            <Button variant={otherPrimary ? 'secondary' : 'primary'} onClick={() => onGo(nextId)} isDisabled={!states[nextId].enabled} data-testid="wizard-next" data-wizard-default>
              {t('common.next')}
            </Button>
          )}
          <span className="sfk-wizard__end">
            <MarkDoneButton job={job} isPrimary={isLast && !otherPrimary} />
          </span>
        </WizardFooterWrapper>
      </div>
    </WizardFooterContext.Provider>
  );
}

/** Whether the element's top edge is above the visible part of the nearest ancestor that scrolls. */
function topIsHidden(el: HTMLElement): boolean {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (p.scrollHeight > p.clientHeight && /auto|scroll/.test(getComputedStyle(p).overflowY)) return el.getBoundingClientRect().top < p.getBoundingClientRect().top;
  }
  return el.getBoundingClientRect().top < 0;
}

import type { ReactNode } from 'react';
import { Flex, FlexItem, Title, type TitleProps } from '@patternfly/react-core';
import type { HelpTopic } from '../../shared/help/topics';
import { HelpLink } from './HelpLink';

/** A page or step heading with the Help link to its guide section beside it. */
export function TitleWithHelp({ headingLevel, topic, children, ...rest }: { headingLevel: TitleProps['headingLevel']; topic: HelpTopic; children: ReactNode; 'data-testid'?: string }) {
  return (
    <Flex alignItems={{ default: 'alignItemsBaseline' }} spaceItems={{ default: 'spaceItemsMd' }} flexWrap={{ default: 'nowrap' }}>
      <FlexItem>
        <Title headingLevel={headingLevel} {...rest}>
          {children}
        </Title>
      </FlexItem>
      <FlexItem>
        <HelpLink topic={topic} />
      </FlexItem>
    </Flex>
  );
}

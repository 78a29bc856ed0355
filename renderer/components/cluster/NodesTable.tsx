import { useTranslation } from 'react-i18next';
import { Label } from '@patternfly/react-core';
import { Table, Thead, Tr, Th, Tbody, Td } from '@patternfly/react-table';
import type { NodeRow } from '../../../shared/api/domains/cluster';
import { formatAge } from './age';

/** `oc get nodes`: NAME STATUS ROLES AGE VERSION */
export function NodesTable({ nodes, testId = 'cluster-nodes' }: { nodes: NodeRow[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Table variant="compact" aria-label={t('cluster.nodes.title')} data-testid={testId}>
      <Thead>
        <Tr>
          <Th>{t('cluster.nodes.name')}</Th>
          <Th>{t('cluster.nodes.status')}</Th>
          <Th>{t('cluster.nodes.roles')}</Th>
          <Th>{t('cluster.nodes.age')}</Th>
          <Th>{t('cluster.nodes.version')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {nodes.map((n) => (
          <Tr key={n.name} data-testid={`node-row-${n.name}`}>
            <Td dataLabel={t('cluster.nodes.name')} data-verbatim>
              {n.name}
            </Td>
            <Td dataLabel={t('cluster.nodes.status')}>
              <Label color={n.status === 'Ready' ? 'green' : 'orange'} data-testid={`node-status-${n.name}`} data-verbatim>
                {n.status}
              </Label>
            </Td>
            <Td dataLabel={t('cluster.nodes.roles')} data-verbatim>
              {n.roles.length ? n.roles.join(',') : t('cluster.nodes.none')}
            </Td>
            <Td dataLabel={t('cluster.nodes.age')}>{formatAge(n.createdAt)}</Td>
            <Td dataLabel={t('cluster.nodes.version')}>{n.version}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

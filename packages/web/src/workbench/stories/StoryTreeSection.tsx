import { useState } from 'react';
import { STORY_TREE_KINDS, type StoryTree, type StoryTreeNode, type UseCase } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/index.js';
import { ucPath } from '../api.js';
import { kindKey } from '../labels.js';
import { TreeNodeForm } from './TreeNodeForm.js';

function Branch({ nodes, parentId }: { nodes: StoryTreeNode[]; parentId: string | null }) {
  const { t } = useI18n();
  const children = nodes.filter((n) => n.parentId === parentId);
  if (children.length === 0) return null;
  return (
    <ul className={parentId ? 'twl-wb-tree__children' : 'twl-wb-tree'}>
      {children.map((n) => (
        <li key={n.id} className={`twl-wb-tree__node twl-wb-tree__node--${n.kind}`}>
          <span className="twl-wb-tree__kind">{t(kindKey(n.kind))}</span> {n.label}
          {n.target && <span className="twl-wb-tree__target"> — {t('wb.tree.target')}: {n.target}</span>}
          <Branch nodes={nodes} parentId={n.id} />
        </li>
      ))}
    </ul>
  );
}

/** The story tree (vraag → doelen → KPI's → maatregelen → objecten) as nested lists, and a form to grow it. */
export function StoryTreeSection({ useCase, canEdit }: { useCase: UseCase; canEdit: boolean }) {
  const { t } = useI18n();
  const [nonce, setNonce] = useState(0);
  const tree = useApi<StoryTree>(ucPath(useCase.id, 'story-tree'), nonce);
  const nodes = tree.data?.nodes ?? [];
  return (
    <section aria-labelledby="tree-heading">
      <h2 className="utrecht-heading-2" id="tree-heading">
        {t('wb.tree.title')}
      </h2>
      <p className="utrecht-paragraph">{t('wb.tree.intro', { levels: STORY_TREE_KINDS.map((k) => t(kindKey(k))).join(' → ') })}</p>
      {tree.error && <ErrorAlert error={tree.error} onRetry={tree.reload} />}
      {tree.data && nodes.length === 0 && <p className="utrecht-paragraph">{t('wb.tree.none')}</p>}
      <Branch nodes={nodes} parentId={null} />
      {canEdit && tree.data && <TreeNodeForm useCaseId={useCase.id} nodes={nodes} onAdded={() => setNonce((n) => n + 1)} />}
    </section>
  );
}

import { useState } from 'react';
import { STORY_TREE_KINDS, type StoryTreeNode } from '@tweeling/core';
import { useI18n } from '../../i18n/index.js';
import { send, ucPath } from '../api.js';
import { FormFrame } from '../form/FormFrame.js';
import { SelectField } from '../form/SelectField.js';
import { TextField } from '../form/TextField.js';
import { required, useForm } from '../form/useForm.js';
import { kindKey } from '../labels.js';

/** Adds a node under a chosen parent; its level follows from the parent (a root is a question). */
export function TreeNodeForm({ useCaseId, nodes, onAdded }: { useCaseId: string; nodes: StoryTreeNode[]; onAdded: () => void }) {
  const { t } = useI18n();
  const form = useForm();
  const [parentId, setParentId] = useState('');
  const [label, setLabel] = useState('');
  const [target, setTarget] = useState('');
  const parent = nodes.find((n) => n.id === parentId);
  const kind = STORY_TREE_KINDS[parent ? parent.depth + 1 : 0] ?? 'object';
  const parents = nodes.filter((n) => n.depth < STORY_TREE_KINDS.length - 1);
  const onSubmit = () =>
    void form
      .submit(
        required('node-label', label, t('run.required', { field: t('wb.tree.label') })),
        async () => {
          await send('POST', ucPath(useCaseId, 'story-tree', 'nodes'), { parentId: parentId || null, kind, label: label.trim(), target: kind === 'kpi' && target.trim() ? target.trim() : null });
        },
        (path) => (path[0] === 'label' ? 'node-label' : path[0] === 'target' ? 'node-target' : path[0] === 'parentId' ? 'node-parent' : undefined),
      )
      .then((ok) => {
        if (!ok) return;
        setLabel('');
        setTarget('');
        onAdded();
      });
  return (
    <>
      <h3 className="utrecht-heading-3" id="node-form-heading">
        {t('wb.tree.add')}
      </h3>
      <FormFrame form={form} labelledBy="node-form-heading" submitLabel={t('wb.tree.addSubmit', { kind: t(kindKey(kind)) })} busyLabel={t('wb.saving')} onSubmit={onSubmit}>
        <div className="twl-fields">
          <SelectField
            name="node-parent"
            label={t('wb.tree.parent')}
            value={parentId}
            error={form.errorOf('node-parent')}
            onChange={setParentId}
            options={[{ value: '', label: t('wb.tree.root') }, ...parents.map((n) => ({ value: n.id, label: `${'— '.repeat(n.depth)}${t(kindKey(n.kind))}: ${n.label}` }))]}
          />
          <TextField name="node-label" label={t('wb.tree.label')} description={t('wb.tree.newKind', { kind: t(kindKey(kind)) })} required value={label} error={form.errorOf('node-label')} onChange={(x) => (setLabel(x), form.clear('node-label'))} />
          {kind === 'kpi' && <TextField name="node-target" label={t('wb.tree.target')} description={t('wb.tree.targetHelp')} value={target} error={form.errorOf('node-target')} onChange={setTarget} />}
        </div>
      </FormFrame>
    </>
  );
}

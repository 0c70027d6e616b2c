import { useState } from 'react';
import { USE_CASE_ROLES, type Member, type UseCase, type UseCaseRole, type UseCaseTeamMember } from '@tweeling/core';
import { useApi } from '../../api/useApi.js';
import { useI18n } from '../../i18n/index.js';
import { send, ucPath } from '../api.js';
import { FormFrame } from '../form/FormFrame.js';
import { SelectField } from '../form/SelectField.js';
import { useForm } from '../form/useForm.js';
import { roleKey } from '../labels.js';
import type { TabProps } from '../types.js';

/** The use-case team with its roles; managers add and remove members (PUT …/team replaces the team). */
export function TeamSection({ useCase, canEdit, canManage, reload }: TabProps) {
  const { t } = useI18n();
  const members = useApi<{ members: Member[] }>(canManage ? `organisations/${encodeURIComponent(useCase.organisationId)}/members` : null);
  const form = useForm();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<UseCaseRole>('member');
  const put = (team: UseCaseTeamMember[]) => send<UseCase>('PUT', ucPath(useCase.id, 'team'), { team: team.map((m) => ({ userId: m.userId, role: m.role })) });
  const add = () =>
    void form.submit(userId ? [] : [{ name: 'team-user', message: t('wb.team.pickMember') }], async () => {
      await put([...useCase.team, { userId, role, name: '' }]);
      reload();
    });
  const remove = (m: UseCaseTeamMember) =>
    void form.submit([], async () => {
      await put(useCase.team.filter((x) => !(x.userId === m.userId && x.role === m.role)));
      reload();
    });
  return (
    <section aria-labelledby="team-heading">
      <h2 className="utrecht-heading-2" id="team-heading">
        {t('wb.team.title')}
      </h2>
      {useCase.team.length === 0 ? (
        <p className="utrecht-paragraph">{t(canEdit ? 'wb.team.none' : 'wb.team.hidden')}</p>
      ) : (
        <ul className="utrecht-unordered-list twl-team">
          {useCase.team.map((m) => (
            <li key={`${m.userId}-${m.role}`}>
              <strong>{m.name}</strong> — {t(roleKey(m.role))}
              {canManage && (
                <>
                  {' '}
                  <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => remove(m)}>
                    {t('wb.team.remove', { name: m.name, role: t(roleKey(m.role)) })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <>
          <h3 className="utrecht-heading-3" id="team-add-heading">
            {t('wb.team.add')}
          </h3>
          <FormFrame form={form} labelledBy="team-add-heading" submitLabel={t('wb.team.addSubmit')} onSubmit={add}>
            <div className="twl-fields">
              <SelectField
                name="team-user"
                label={t('wb.team.member')}
                value={userId}
                error={form.errorOf('team-user')}
                onChange={(v) => (setUserId(v), form.clear('team-user'))}
                options={[{ value: '', label: t('wb.team.pickMember') }, ...(members.data?.members ?? []).map((m) => ({ value: m.userId, label: m.name }))]}
              />
              <SelectField name="team-role" label={t('wb.team.role')} value={role} onChange={(v) => setRole(v as UseCaseRole)} options={USE_CASE_ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))} />
            </div>
          </FormFrame>
        </>
      )}
    </section>
  );
}

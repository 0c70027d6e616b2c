import type { OrganisationCreate, Role } from '@tweeling/core';
import { addMember, createOrganisation, getOrganisation, listMembers, type ServiceDeps } from './identity/index.js';
import type { Actor } from './audit/index.js';

/** The demo organisations: clearly marked "(demo)"; real CBS codes where they are certain. */
export const DEMO_ORGANISATIONS: ReadonlyArray<OrganisationCreate & { isOperator?: boolean }> = [
  { id: 'beheer', name: 'Tweeling platformbeheer (demo)', kind: 'rijk', oin: null, cbsCode: null, mayAccredit: false, isOperator: true },
  { id: 'almere', name: 'Gemeente Almere (demo)', kind: 'gemeente', oin: null, cbsCode: 'GM0034', mayAccredit: false },
  { id: 'dronten', name: 'Gemeente Dronten (demo)', kind: 'gemeente', oin: null, cbsCode: 'GM0303', mayAccredit: false },
  { id: 'flevoland', name: 'Provincie Flevoland (demo)', kind: 'provincie', oin: null, cbsCode: 'PV24', mayAccredit: false },
  { id: 'zuiderzeeland', name: 'Waterschap Zuiderzeeland (demo)', kind: 'waterschap', oin: null, cbsCode: null, mayAccredit: false },
  { id: 'kennisinstituut', name: 'Kennisinstituut Water & Klimaat (demo)', kind: 'kennisinstelling', oin: null, cbsCode: null, mayAccredit: true },
  { id: 'tweeling-apps', name: 'Tweeling referentie-apps (demo)', kind: 'leverancier', oin: null, cbsCode: null, mayAccredit: false },
];

/** One demo person per organisation and role that a workshop needs. */
const DEMO_MEMBERS: ReadonlyArray<{ org: string; email: string; name: string; role: Role }> = [
  { org: 'beheer', email: 'beheer@tweeling.demo', name: 'Platformbeheerder (demo)', role: 'admin' },
  { org: 'almere', email: 'beheerder@almere.demo', name: 'Beheerder Almere (demo)', role: 'admin' },
  { org: 'almere', email: 'datasteward@almere.demo', name: 'Datasteward Almere (demo)', role: 'data-steward' },
  { org: 'almere', email: 'beleidsadviseur@almere.demo', name: 'Beleidsadviseur water (demo)', role: 'analyst' },
  { org: 'almere', email: 'raadslid@almere.demo', name: 'Raadslid (demo)', role: 'viewer' },
  { org: 'dronten', email: 'beheerder@dronten.demo', name: 'Beheerder Dronten (demo)', role: 'admin' },
  { org: 'flevoland', email: 'beheerder@flevoland.demo', name: 'Beheerder Flevoland (demo)', role: 'admin' },
  { org: 'zuiderzeeland', email: 'beheerder@zuiderzeeland.demo', name: 'Beheerder Zuiderzeeland (demo)', role: 'admin' },
  { org: 'kennisinstituut', email: 'accrediteur@kennisinstituut.demo', name: 'Accrediteur (demo)', role: 'admin' },
  { org: 'tweeling-apps', email: 'ontwikkelaar@tweeling-apps.demo', name: 'App-ontwikkelaar (demo)', role: 'admin' },
];

const SEED_ACTOR: Actor = { organisationId: null, userId: null, tokenId: null, label: 'seed', requestId: null };

/**
 * Seeds the demo organisations and people. Idempotent: what exists is left alone, so it can run on
 * every start. Writes go through the same services (and audit entries) as the API.
 * @returns how many organisations and members were added
 */
export async function seedDemo(deps: ServiceDeps): Promise<{ organisations: number; members: number }> {
  let organisations = 0;
  let members = 0;
  for (const { isOperator, ...org } of DEMO_ORGANISATIONS) {
    const exists = await getOrganisation(deps, org.id).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await createOrganisation(deps, SEED_ACTOR, org, { isOperator: isOperator ?? false });
      organisations += 1;
    }
  }
  for (const member of DEMO_MEMBERS) {
    const current = await listMembers(deps, member.org);
    if (current.some((m) => m.email === member.email)) continue;
    await addMember(deps, { ...SEED_ACTOR, organisationId: member.org }, member.org, { email: member.email, name: member.name, role: member.role });
    members += 1;
  }
  return { organisations, members };
}

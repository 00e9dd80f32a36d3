import { ORGANIZATION_KINDS, ORGANIZATION_PARENT_KINDS, type OrganizationKind } from '@jixiao/contracts';

/** Kinds a new organization may have under `parentKind` (top level when undefined). */
export function childKinds(parentKind: string | undefined): OrganizationKind[] {
  return ORGANIZATION_KINDS.map((k) => k.value).filter((kind) => {
    const parents = ORGANIZATION_PARENT_KINDS[kind];
    return parentKind === undefined ? parents.length === 0 : (parents as string[]).includes(parentKind);
  });
}

import type { OrganizationNode } from '@jixiao/api-client';
import { ORGANIZATION_KINDS, ORGANIZATION_PARENT_KINDS, type OrganizationKind } from '@jixiao/contracts';

/** Kinds a new organization may have under `parentKind` (top level when undefined). */
export function childKinds(parentKind: string | undefined): OrganizationKind[] {
  return ORGANIZATION_KINDS.map((k) => k.value).filter((kind) => {
    const parents = ORGANIZATION_PARENT_KINDS[kind];
    return parentKind === undefined ? parents.length === 0 : (parents as string[]).includes(parentKind);
  });
}

export function findNode(nodes: OrganizationNode[], id: string): OrganizationNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const hit = findNode(node.children ?? [], id);
    if (hit) return hit;
  }
  return undefined;
}

/** Options for a tree-select of organizations (users, API keys). */
export interface OrganizationOption {
  value: string;
  label: string;
  children?: OrganizationOption[];
}

export function toOptions(nodes: OrganizationNode[]): OrganizationOption[] {
  return nodes.map((node) => ({
    value: node.id,
    label: node.name,
    children: node.children?.length ? toOptions(node.children) : undefined,
  }));
}

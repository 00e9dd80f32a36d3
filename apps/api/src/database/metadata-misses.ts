import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How many names that are no entity a data source remembers (a bound: names come from code, not from requests). */
export const MAX_METADATA_MISSES = 1_000;

/**
 * Makes `dataSource` remember the names it found no entity for. A query builder's join by relation
 * (`innerJoin('t.project', 'p')`) first asks whether `'t.project'` names an entity, and TypeORM
 * answers a name it does not hold by walking every entity's metadata — an array made for each of them
 * (~7 KB of garbage and three walks for a list of three joins, at every request). The entities are
 * fixed once the data source is built, so a name that named none never will; a name that does is
 * found in TypeORM's own map as before.
 */
export function rememberMetadataMisses(dataSource: DataSource): void {
  const holder = dataSource as unknown as { findMetadata(target: unknown): unknown };
  const find = holder.findMetadata.bind(dataSource);
  const misses = new Set<string>();
  holder.findMetadata = (target: unknown) => {
    if (typeof target === 'string' && misses.has(target)) return undefined;
    const found = find(target);
    if (found === undefined && typeof target === 'string' && misses.size < MAX_METADATA_MISSES) misses.add(target);
    return found;
  };
}

/** Applies `rememberMetadataMisses` to the app's data source once its entities are built. */
@Injectable()
export class MetadataMisses implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    rememberMetadataMisses(this.dataSource);
  }
}

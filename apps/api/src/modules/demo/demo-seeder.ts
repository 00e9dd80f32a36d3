import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What the platform's demo data made, for module seeders to build on. */
export interface DemoContext {
  /** The demo year (the default policy profile's year). */
  year: number;
  /** Organization ids by demo code (see demo-organizations.ts), e.g. EDU_CODE, HEALTH_CODE. */
  organizationIds: Map<string, string>;
  /** User ids by demo username. */
  userIds: Map<string, string>;
}

/** A module's demo rows: runs on first start in demo mode, in the bootstrap transaction. */
export interface DemoSeeder {
  seed(manager: EntityManager, context: DemoContext): Promise<void>;
}

export const DEMO_SEEDER_KEY = 'jixiao:demo-seeder';

/**
 * Marks a provider as a demo seeder; seeders run in ascending `order` (projects before targets).
 * Add the class to the module's providers — nothing else needs to change.
 */
export const AsDemoSeeder = (order: number) => SetMetadata(DEMO_SEEDER_KEY, order);

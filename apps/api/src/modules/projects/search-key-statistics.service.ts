import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

/**
 * The search keys PostgreSQL's statistics of `projects.search_keys` count among their most common
 * elements (`pg_stats.most_common_elems`: on the generated city year 135 keys, each in at least 4.4 %
 * of the projects), as this process last read them; null while none were read (a table not analyzed
 * yet, the embedded PGlite before its first ANALYZE, a read that failed). project-search.sql.ts asks
 * it how to write a department's search (`searchKeyFrequent`): every instance reads its own copy,
 * and either answer finds the same rows — it only picks the plan.
 */
let common: ReadonlySet<string> | null = null;

/** The most common search keys as last read (see `common`). */
export const commonSearchKeys = (): ReadonlySet<string> | null => common;

/**
 * Reads the statistics of the projects' search keys at start and every `SEARCH_STATISTICS_SECONDS`
 * after (300; 0 = only at start): one small statement, off any request. PostgreSQL's own ANALYZE
 * (autovacuum) renews them as the table changes; a frequent key read a few minutes late only costs a
 * department's search the slower of two plans meanwhile.
 */
@Injectable()
export class SearchKeyStatistics implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SearchKeyStatistics.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    const seconds = this.config.searchStatisticsSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.refresh(), seconds * 1000);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads the statistics now and keeps them (null when there are none); never throws. */
  async refresh(): Promise<ReadonlySet<string> | null> {
    try {
      const rows = await this.dataSource.query<{ elems: string[] | null }[]>(
        `SELECT most_common_elems::text::text[] AS elems FROM pg_stats
          WHERE schemaname = current_schema() AND tablename = 'projects' AND attname = 'search_keys'`,
      );
      const elems = rows[0]?.elems;
      common = Array.isArray(elems) && elems.length > 0 ? new Set(elems) : null;
    } catch (e) {
      this.logger.warn(`statistics of the search keys not read: ${String(e)}`);
      common = null;
    }
    return common;
  }
}

/**
 * The stored N7 warning counts the monitoring dashboard shows by rule: per (year, organization,
 * code, open_due) how many warnings there are and how many were answered late, where open_due is
 * an open warning's answer deadline and `infinity` once it is answered — so "open" is every row
 * but `infinity` and "overdue" the rows whose deadline is before the day asked, decided when asked
 * (migration WarningCountsStored). A warning carries its tracking's year (tracking_warnings.year,
 * set by the BEFORE trigger here and following its tracking's) so that its share can be taken back also when it goes with its
 * tracking or project (a cascade, when the tracking row is already gone). Its organization is its
 * project's (written from it; a project never changes organization or year).
 *
 * The migration embeds the text these builders give; test/warning-counts-stored.e2e-spec.ts checks
 * that the functions in the database are still exactly these.
 */
import { countDeltaSql, functionStatements, rowChangedSql, sharesOnWriteSql, type StoredFunction } from '../../database/stored-counts.sql';

/** An open warning's deadline; an answered one is never overdue. */
const openDue = (r: string) => `CASE WHEN ${r}.answer IS NULL THEN ${r}.answer_due ELSE 'infinity'::date END`;

/** A tracking_warnings row's share of monitoring_warning_counts (`r` is OLD or NEW, `sign` 1 or -1). */
const share = (r: 'OLD' | 'NEW', sign: 1 | -1) =>
  countDeltaSql(
    'monitoring_warning_counts',
    { year: `${r}.year`, organization_id: `${r}.organization_id`, code: `${r}.code`, open_due: openDue(r) },
    { warnings: `${sign}`, late: `CASE WHEN ${r}.answered_late THEN ${sign} ELSE 0 END` },
  );

/** The functions, in creation order. */
export const WARNING_COUNTS_FUNCTIONS: readonly StoredFunction[] = [
  {
    name: 'warning_counts_year',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  NEW.year := (SELECT x.year FROM trackings x WHERE x.id = NEW.tracking_id);
  RETURN NEW;
END`,
  },
  {
    name: 'warning_counts_on_trackings',
    args: '',
    returns: 'trigger',
    body: `
BEGIN
  UPDATE tracking_warnings SET year = NEW.year WHERE tracking_id = NEW.id AND year IS DISTINCT FROM NEW.year;
  RETURN NULL;
END`,
  },
  { name: 'warning_counts_on_write', args: '', returns: 'trigger', body: sharesOnWriteSql(share) },
  {
    name: 'warning_counts_rebuild_year',
    args: 'y integer',
    returns: 'void',
    body: `
BEGIN
  -- The counts from the warnings' rows (the same, or what they should be where triggers were off, as during a bulk load).
  DELETE FROM monitoring_warning_counts WHERE year = y;
  INSERT INTO monitoring_warning_counts (year, organization_id, code, open_due, warnings, late)
  SELECT w.year, w.organization_id, w.code, ${openDue('w')}, count(*), count(*) FILTER (WHERE w.answered_late)
    FROM tracking_warnings w WHERE w.year = y GROUP BY 1, 2, 3, 4;
END`,
  },
];

/** CREATE FUNCTION statements for the functions (what the migration holds, literally). */
export function warningCountsFunctionStatements(): string[] {
  return functionStatements(WARNING_COUNTS_FUNCTIONS, 'warnings');
}

/** The columns whose change moves a warning's share. */
const WARNING_COLUMNS = ['year', 'organization_id', 'code', 'answer', 'answer_due', 'answered_late'] as const;

/** CREATE TRIGGER statements (what the migration holds, literally). */
export function warningCountsTriggerStatements(): string[] {
  return [
    `CREATE TRIGGER warning_counts_year BEFORE INSERT OR UPDATE OF tracking_id ON tracking_warnings FOR EACH ROW EXECUTE FUNCTION warning_counts_year()`,
    `CREATE TRIGGER warning_counts_trackings_update AFTER UPDATE OF year ON trackings FOR EACH ROW WHEN (OLD.year IS DISTINCT FROM NEW.year) EXECUTE FUNCTION warning_counts_on_trackings()`,
    `CREATE TRIGGER warning_counts_write AFTER INSERT OR DELETE ON tracking_warnings FOR EACH ROW EXECUTE FUNCTION warning_counts_on_write()`,
    // year is set by the BEFORE trigger when tracking_id changes: UPDATE OF names tracking_id for it.
    `CREATE TRIGGER warning_counts_update AFTER UPDATE OF tracking_id, ${WARNING_COLUMNS.join(', ')} ON tracking_warnings FOR EACH ROW WHEN (${rowChangedSql(WARNING_COLUMNS)}) EXECUTE FUNCTION warning_counts_on_write()`,
  ];
}

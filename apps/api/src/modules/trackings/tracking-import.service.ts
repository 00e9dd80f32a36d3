import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  FUND_SOURCES,
  FUND_SOURCE_LABELS,
  TRACKING_IMPORT_COLUMNS,
  TRACKING_IMPORT_INSTRUCTIONS_SHEET,
  TRACKING_IMPORT_SHEET,
  type FundSource,
  type TrackingImportColumnKey,
} from '@jixiao/contracts';
import {
  addMoney,
  fundSplitIssues,
  isMoney,
  isMonitoredKind,
  MONITORED_KINDS,
  isValidDate,
  normalizeMoney,
  shanghaiDate,
} from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import {
  cellDate,
  cellText,
  columnLetter,
  ExcelImportErrors,
  ExcelImportService,
  type ImportContext,
  type ImportErrorCollector,
  keyedRows,
} from '../../common/excel';
import { DataScope } from '../../common/scope/data-scope.service';
import { ProjectEntity } from '../projects/entities/project.entity';
import { SettingsService } from '../settings/settings.service';
import { TargetEntity } from '../targets/entities/target.entity';
import { TrackingImportResultDto } from './dto/tracking.dto';
import { TrackingErrors } from './trackings.errors';
import { TrackingsService } from './trackings.service';
import { lockProjectsInOrder } from '../../database/lock-order';

const FUND_KEYS = new Set<string>(FUND_SOURCES.map((f) => f.value));
const COLUMN_BY_HEADER = new Map<string, TrackingImportColumnKey>(TRACKING_IMPORT_COLUMNS.map((c) => [c.zh, c.key]));
/** Projects listed on the template's reference sheet (it is not imported; the cap keeps the template small). */
const TEMPLATE_PROJECT_CAP = 10_000;
const PROJECTS_SHEET = '可跟踪项目';

interface ParsedRow {
  line: number;
  columns: Map<TrackingImportColumnKey, string>;
  code: string | null;
  asOf: string | null;
  executedAmount: string | null;
  fundSources: { source: FundSource; amount: string }[];
  note: string | null;
}

interface ResolvedRow extends ParsedRow {
  code: string;
  asOf: string;
  executedAmount: string;
  project: ProjectEntity;
  target: TargetEntity;
}

/**
 * Executed amounts from the budget system's execution .xlsx (issue 8): one row per project code and
 * as-of date, amounts by fund source. The shared import (common/excel) streams and bounds the file;
 * here every row is checked first — the project in the caller's scope, trackable, the date in its
 * year, the split adding up — and only a file without a single error is written, each row through
 * the same `TrackingsService.record` as the form, in one transaction. A row whose project already
 * has a tracking as of that date with the same amount is left as it is, so a re-import changes nothing.
 */
@Injectable()
export class TrackingImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly excelImport: ExcelImportService,
    private readonly trackings: TrackingsService,
    private readonly settings: SettingsService,
  ) {}

  /** The template: the header row, the instructions and, for reference, the caller's trackable projects of the working year. */
  async template(caller: Principal): Promise<Buffer> {
    const year = (await this.settings.workingYear()).year;
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Jixiao';
    const sheet = workbook.addWorksheet(TRACKING_IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = TRACKING_IMPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: Math.max(12, c.zh.length * 2 + 2) }));
    sheet.getRow(1).font = { bold: true };
    for (let r = 2; r <= 2000; r++) {
      sheet.getCell(`${this.letter('asOf')}${r}`).numFmt = 'yyyy-mm-dd';
    }

    const qb = this.dataSource
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .innerJoin(TargetEntity, 't', 't.projectId = p.id AND t.status = :approved', { approved: 'approved' })
      .leftJoinAndSelect('p.organization', 'o')
      .leftJoinAndSelect('p.fundSources', 'f')
      .where('p.year = :year', { year })
      .andWhere('p.kind IN (:...kinds)', { kinds: [...MONITORED_KINDS] })
      .orderBy('p.code')
      .take(TEMPLATE_PROJECT_CAP);
    await this.scope.applyTo(qb, 'p.organizationId', caller);
    const projects = await qb.getMany();
    const list = workbook.addWorksheet(PROJECTS_SHEET);
    list.columns = [
      { header: '项目编码', key: 'code', width: 18 },
      { header: '项目名称', key: 'name', width: 36 },
      { header: '单位', key: 'organization', width: 28 },
      { header: '预算金额（元）', key: 'budget', width: 18 },
      { header: '资金来源', key: 'sources', width: 40 },
    ];
    list.getRow(1).font = { bold: true };
    for (const p of projects) {
      list.addRow({
        code: p.code,
        name: p.name,
        organization: p.organization?.name ?? '',
        budget: normalizeMoney(p.budgetAmount),
        sources: (p.fundSources ?? []).map((f) => FUND_SOURCE_LABELS[f.source as FundSource]?.zh ?? f.source).join('、'),
      });
    }
    if (projects.length) {
      const validation: ExcelJS.DataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`'${PROJECTS_SHEET}'!$A$2:$A$${projects.length + 1}`],
        showErrorMessage: false,
      };
      for (let r = 2; r <= 2000; r++) sheet.getCell(`${this.letter('code')}${r}`).dataValidation = validation;
    }

    const help = workbook.addWorksheet(TRACKING_IMPORT_INSTRUCTIONS_SHEET);
    help.columns = [
      { header: '列', key: 'column', width: 26 },
      { header: '必填', key: 'required', width: 8 },
      { header: '说明 / Notes', key: 'note', width: 90 },
    ];
    help.getRow(1).font = { bold: true };
    const notes: Partial<Record<TrackingImportColumnKey, string>> = {
      code: `项目或政策的编码；目标须已批复。见“${PROJECTS_SHEET}”表（${year} 年，本单位数据范围内）`,
      name: '仅供核对，不导入',
      asOf: '数据截止日期，例如 2022-06-30；须在项目的预算年度内，且不晚于今天',
      executedAmount: '累计执行金额（元），最多两位小数；留空时按各资金来源之和',
      note: '最多 2000 字',
    };
    for (const c of TRACKING_IMPORT_COLUMNS) {
      help.addRow({
        column: c.zh,
        required: c.required ? '是' : '否',
        note: notes[c.key] ?? '按资金来源的累计执行金额（元）；只能填写项目的资金来源，合计须等于累计执行金额',
      });
    }
    help.addRow({});
    help.addRow({
      column:
        '整个文件先校验，全部正确才写入；任一单元格有误则不写入任何数据，并列出每个错误的表、行、列和原因。同一项目同一截止日期金额相同的行视为已导入，不重复写入。',
    });
    if (projects.length >= TEMPLATE_PROJECT_CAP) {
      help.addRow({ column: `“${PROJECTS_SHEET}”表只列出前 ${TEMPLATE_PROJECT_CAP} 个项目。` });
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  import(caller: Principal, request: FastifyRequest): Promise<TrackingImportResultDto> {
    return this.excelImport.run(request, (context) => this.importWorkbook(caller, context));
  }

  /** The same for a workbook already on disk (tests, benchmarks). */
  importFile(caller: Principal, path: string, fileName = 'import.xlsx'): Promise<TrackingImportResultDto> {
    return this.excelImport.runFile(path, fileName, (context) => this.importWorkbook(caller, context));
  }

  private letter(key: TrackingImportColumnKey): string {
    return columnLetter(TRACKING_IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1);
  }

  private async importWorkbook(caller: Principal, { workbook, fileName, errors }: ImportContext): Promise<TrackingImportResultDto> {
    if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
    const { rows, sheet } = await this.parse(workbook, errors);
    return this.dataSource.transaction(async (manager) => {
      // One import of executed amounts at a time, so two uploads of one file cannot both write it.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('jixiao.tracking-import'))`);
      const resolved = await this.resolve(caller, sheet, rows, errors, manager);
      if (errors.hasErrors) throw errors.toError(TrackingErrors.TRACKING_IMPORT_INVALID);
      // Each tracking updates its project's stored facts, then its organization's stored sums: every
      // project it writes is locked first, in one order (lockProjectsInOrder).
      await lockProjectsInOrder(
        manager,
        resolved.flatMap((row) => (row === 'unchanged' ? [] : [row.project.id])),
      );
      const today = shanghaiDate();
      let created = 0;
      let unchanged = 0;
      for (const row of resolved) {
        if (row === 'unchanged') {
          unchanged++;
          continue;
        }
        try {
          await this.trackings.record(
            manager,
            caller,
            row.project,
            row.target,
            {
              asOf: row.asOf,
              executedAmount: row.executedAmount,
              fundSources: row.fundSources.length ? row.fundSources : undefined,
              note: row.note ?? undefined,
            },
            { today, source: 'import' },
          );
          created++;
        } catch (error) {
          // A refusal the checks above did not foresee (say, a budget of zero) is that row's error; nothing is kept.
          if (!(error instanceof AppError)) throw error;
          errors.cell(sheet, row.line, 'A', error.code, error.messageZh, error.messageEn);
        }
      }
      if (errors.hasErrors) throw errors.toError(TrackingErrors.TRACKING_IMPORT_INVALID);
      const result = { rows: resolved.length, created, unchanged };
      await this.audit.record(manager, {
        action: 'tracking.import',
        entityType: 'tracking',
        entityId: null,
        after: { fileName, ...result },
      });
      return result;
    });
  }

  /** Reads the data sheet row by row; every cell is checked on its own, the database is asked afterwards. */
  private async parse(workbook: ImportContext['workbook'], errors: ImportErrorCollector): Promise<{ rows: ParsedRow[]; sheet: string }> {
    const sheet = workbook.sheet(TRACKING_IMPORT_SHEET, /^Sheet\d+$/);
    if (!sheet) throw ExcelImportErrors.IMPORT_SHEET_MISSING({ params: { sheet: TRACKING_IMPORT_SHEET } });
    const rows: ParsedRow[] = [];
    for await (const { number, raw, letterOf } of keyedRows(
      workbook.rows(sheet, { headerRows: 1 }),
      sheet,
      TRACKING_IMPORT_COLUMNS,
      COLUMN_BY_HEADER,
      errors,
    )) {
      rows.push(
        this.parseRow(number, raw, letterOf, (key, code, zh, en) =>
          errors.cell(sheet.name, number, letterOf.get(key) ?? '?', code, zh, en),
        ),
      );
    }
    if (!rows.length && !errors.hasErrors)
      errors.cell(sheet.name, 2, 'A', 'noRows', '没有可导入的数据行', 'There are no data rows to import');
    return { rows, sheet: sheet.name };
  }

  private parseRow(
    line: number,
    raw: Map<TrackingImportColumnKey, unknown>,
    columns: Map<TrackingImportColumnKey, string>,
    bad: (key: TrackingImportColumnKey, code: string, zh: string, en: string) => void,
  ): ParsedRow {
    const text = (key: TrackingImportColumnKey) => cellText(raw.get(key));
    const money = (key: TrackingImportColumnKey): string | null => {
      const v = text(key).replace(/,/g, '');
      if (v === '') return null;
      if (!isMoney(v)) {
        bad(key, 'isMoney', '必须是不为负、最多两位小数的金额（元）', 'Must be a non-negative amount in yuan with at most two decimals');
        return null;
      }
      return normalizeMoney(v);
    };
    let code: string | null = text('code');
    if (code === '') {
      bad('code', 'required', '“项目编码”不能为空', 'Project code is required');
      code = null;
    } else if (code.length > 64) {
      bad('code', 'maxLength', '项目编码最长 64 位', 'A project code has at most 64 characters');
      code = null;
    }
    let asOf: string | null = null;
    if (text('asOf') === '') bad('asOf', 'required', '“截止日期”不能为空', 'As of is required');
    else {
      asOf = cellDate(raw.get('asOf'));
      if (asOf === null || !isValidDate(asOf)) {
        bad('asOf', 'INVALID_DATE', '须为有效日期，例如 2022-06-30', 'Must be a valid date such as 2022-06-30');
        asOf = null;
      }
    }
    const fundSources: ParsedRow['fundSources'] = [];
    for (const [key] of raw) {
      if (!FUND_KEYS.has(key)) continue;
      const amount = money(key);
      if (amount !== null) fundSources.push({ source: key as FundSource, amount });
    }
    let executedAmount = money('executedAmount');
    if (executedAmount === null && text('executedAmount') === '') {
      if (fundSources.length) executedAmount = fundSources.reduce((sum, f) => addMoney(sum, f.amount), '0.00');
      else
        bad(
          'executedAmount',
          'required',
          '请填写累计执行金额或各资金来源的金额',
          'Fill in the executed amount or the amounts by fund source',
        );
    }
    const note = text('note') || null;
    if (note && note.length > 2000) bad('note', 'maxLength', '备注最多 2000 字', 'A note has at most 2,000 characters');
    return {
      line,
      columns,
      code,
      asOf,
      executedAmount: executedAmount === null ? null : normalizeMoney(executedAmount),
      fundSources,
      note,
    };
  }

  /** Checks what needs the database: the project in scope and trackable, the date, the split, duplicates and earlier imports. */
  private async resolve(
    caller: Principal,
    sheet: string,
    rows: ParsedRow[],
    errors: ImportErrorCollector,
    manager: EntityManager,
  ): Promise<(ResolvedRow | 'unchanged')[]> {
    const err = (row: ParsedRow, key: TrackingImportColumnKey, code: string, zh: string, en: string) =>
      errors.cell(sheet, row.line, row.columns.get(key) ?? 'A', code, zh, en);
    const today = shanghaiDate();
    // Projects by code in every year, only those the caller may write: another organization's code reads as unknown.
    const codes = [...new Set(rows.map((r) => r.code).filter((c): c is string => c !== null))];
    const projects = new Map<string, ProjectEntity>();
    const yearsOfCode = new Map<string, number[]>();
    for (let i = 0; i < codes.length; i += 5000) {
      const qb = manager
        .getRepository(ProjectEntity)
        .createQueryBuilder('p')
        .leftJoinAndSelect('p.organization', 'o')
        .leftJoinAndSelect('p.fundSources', 'f')
        .where('p.code IN (:...codes)', { codes: codes.slice(i, i + 5000) });
      await this.scope.applyTo(qb, 'p.organizationId', caller);
      for (const p of await qb.getMany()) {
        projects.set(`${p.year}|${p.code}`, p);
        yearsOfCode.set(p.code, [...(yearsOfCode.get(p.code) ?? []), p.year].sort());
      }
    }
    const projectIds = [...projects.values()].map((p) => p.id);
    const targets = new Map<string, TargetEntity>();
    const recorded = new Set<string>();
    for (let i = 0; i < projectIds.length; i += 5000) {
      const ids = projectIds.slice(i, i + 5000);
      for (const t of await manager.find(TargetEntity, { where: { projectId: In(ids) }, relations: { indicators: true } }))
        targets.set(t.projectId, t);
      const earlier: { project_id: string; as_of: string; executed_amount: string }[] = await manager.query(
        `SELECT project_id, to_char(as_of, 'YYYY-MM-DD') AS as_of, executed_amount::text AS executed_amount FROM trackings WHERE project_id = ANY($1::uuid[])`,
        [ids],
      );
      for (const e of earlier) recorded.add(`${e.project_id}|${e.as_of}|${normalizeMoney(e.executed_amount)}`);
    }

    const seen = new Map<string, number>();
    const out: (ResolvedRow | 'unchanged')[] = [];
    for (const row of rows) {
      if (row.code === null || row.asOf === null || row.executedAmount === null) continue;
      const year = Number(row.asOf.slice(0, 4));
      const project = projects.get(`${year}|${row.code}`);
      const otherYears = yearsOfCode.get(row.code);
      if (!project && otherYears) {
        // The code is known, in another year: the as-of date is what is wrong.
        const e = TrackingErrors.TRACKING_AS_OF_OUTSIDE_YEAR({ params: { year: otherYears.join('、') } });
        err(row, 'asOf', e.code, e.messageZh, e.messageEn);
        continue;
      }
      if (!project) {
        err(
          row,
          'code',
          'projectUnknown',
          `${year} 年本单位数据范围内没有编码为 ${row.code} 的项目（截止日期决定年度）`,
          `No project of ${year} in your scope has the code ${row.code} (the as-of date gives the year)`,
        );
        continue;
      }
      const key = `${project.id}|${row.asOf}`;
      const first = seen.get(key);
      if (first !== undefined) {
        err(row, 'asOf', 'duplicateInFile', `与第 ${first} 行的项目和截止日期重复`, `Same project and as-of date as row ${first}`);
        continue;
      }
      seen.set(key, row.line);
      const refuse = (key: TrackingImportColumnKey, e: AppError) => err(row, key, e.code, e.messageZh, e.messageEn);
      if (!isMonitoredKind(project.kind)) {
        refuse('code', TrackingErrors.TRACKING_KIND_NOT_MONITORED());
        continue;
      }
      const target = targets.get(project.id);
      if (!target || target.status !== 'approved') {
        refuse('code', TrackingErrors.TRACKING_TARGET_NOT_APPROVED());
        continue;
      }
      if (row.asOf > today) {
        refuse('asOf', TrackingErrors.TRACKING_AS_OF_FUTURE());
        continue;
      }
      const split = fundSplitIssues(
        row.executedAmount,
        row.fundSources,
        (project.fundSources ?? []).map((f) => f.source),
      );
      for (const issue of split) {
        const index = /^fundSources\.(\d+)\./.exec(issue.field);
        const column = index ? row.columns.get(row.fundSources[Number(index[1])].source) : row.columns.get('executedAmount');
        errors.cell(sheet, row.line, column ?? 'A', issue.code, issue.message, issue.messageEn);
      }
      if (split.length) continue;
      if (recorded.has(`${project.id}|${row.asOf}|${row.executedAmount}`)) {
        out.push('unchanged');
        continue;
      }
      out.push({ ...row, code: row.code, asOf: row.asOf, executedAmount: row.executedAmount, project, target });
    }
    return out;
  }
}

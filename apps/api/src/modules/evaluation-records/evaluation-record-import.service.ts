import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import {
  EVALUATION_KIND_LABELS,
  EVALUATION_RECORD_IMPORT_COLUMNS,
  EVALUATION_RECORD_IMPORT_INSTRUCTIONS_SHEET,
  EVALUATION_RECORD_IMPORT_SHEET,
  PROJECT_KIND_LABELS,
  type EvaluationKind,
  type EvaluationRecordImportColumnKey,
  type ProjectKind,
} from '@jixiao/contracts';
import { GRADE_LABELS, GRADES, keyBasisOf, shanghaiDate, type Grade, type PolicyProfileValues } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import {
  cellText,
  columnLetter,
  ExcelImportErrors,
  ExcelImportService,
  type ImportContext,
  type ImportErrorCollector,
  keyedRows,
} from '../../common/excel';
import { DataScope } from '../../common/scope/data-scope.service';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { noProfileMessage } from '../policy-profiles/policy-profiles.errors';
import { ProjectEntity } from '../projects/entities/project.entity';
import { PROJECT_CODE_PATTERN } from '../projects/dto/project.dto';
import { PROJECT_OWNER_KINDS } from '../projects/projects.service';
import { SettingsService } from '../settings/settings.service';
import { EvaluationRecordImportResultDto } from './dto/evaluation-record.dto';
import { EvaluationRecordEntity } from './entities/evaluation-record.entity';
import { EvaluationRecordErrors } from './evaluation-records.errors';
import { conflictError, gradeOrError, recordKey, scoreOrError } from './evaluation-records.service';
import { lockProjectsOfCodesInOrder } from '../../database/lock-order';

type ColumnKey = EvaluationRecordImportColumnKey;
const COLUMN_BY_HEADER = new Map<string, ColumnKey>(EVALUATION_RECORD_IMPORT_COLUMNS.map((c) => [c.zh, c.key]));
const ORG_SHEET = '单位编码';
const PROJECTS_SHEET = '项目参考';
/** Projects listed on the template's reference sheet (it is not imported; the cap keeps the template small). */
const TEMPLATE_PROJECT_CAP = 10_000;
const EVALUATOR_MAX = 200;

const normal = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** 评价类型 as the old system writes it: the labels in both languages, the codes, and the usual other names. */
const KIND_BY_TEXT = new Map<string, EvaluationKind>();
for (const [kind, label] of Object.entries(EVALUATION_KIND_LABELS) as [EvaluationKind, { zh: string; en: string }][]) {
  for (const text of [kind, label.zh, label.en]) KIND_BY_TEXT.set(normal(text), kind);
}
for (const [text, kind] of [
  ['自评', 'self'],
  ['单位自评价', 'self'],
  ['项目自评', 'self'],
  ['部门评价', 'department'],
  ['部门重点评价', 'department'],
  ['部门绩效评价', 'department'],
  ['财政评价', 'finance_key'],
  ['财政重点评价', 'finance_key'],
  ['财政绩效评价', 'finance_key'],
  ['重点评价', 'finance_key'],
] as [string, EvaluationKind][]) {
  KIND_BY_TEXT.set(normal(text), kind);
}

/** 等级: 优 / 良 / 中 / 差, the codes, the English labels. */
const GRADE_BY_TEXT = new Map<string, Grade>();
for (const grade of GRADES)
  for (const text of [grade, GRADE_LABELS[grade].zh, GRADE_LABELS[grade].en]) GRADE_BY_TEXT.set(normal(text), grade);

interface ParsedRow {
  line: number;
  projectCode: string | null;
  organizationCode: string | null;
  year: number | null;
  kind: EvaluationKind | null;
  /** The score as written (format checked); its range needs the year's profile. */
  scoreText: string | null;
  grade: Grade | null;
  gradeGiven: boolean;
  evaluator: string | null;
}

interface ResolvedRow {
  line: number;
  projectCode: string;
  organizationId: string;
  year: number;
  kind: EvaluationKind;
  score: string;
  grade: Grade;
  evaluator: string | null;
  inLibrary: boolean;
}

/**
 * The old performance system's history (issue 9): past evaluations from its .xlsx export — project
 * code, organization code, year, kind, score, grade, evaluator — through the shared import
 * (common/excel). Every row is checked first: the organization in the importer's scope, the year's
 * profile (score 0..totalScore, the grade agreeing with the score under its thresholds), a known
 * project code belonging to that organization, no duplicate in the file; only a file without a single
 * error is written, in one transaction. A row whose record already exists with the same score, grade
 * and evaluator is left as it is, so a re-import changes nothing; one that differs is refused on its
 * cell (records are never overwritten by an import).
 */
@Injectable()
export class EvaluationRecordImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly excelImport: ExcelImportService,
    private readonly settings: SettingsService,
  ) {}

  /** The template: the header row, the instructions, the caller's organization codes and, for reference, the working year's projects. */
  async template(caller: Principal): Promise<Buffer> {
    const manager = this.dataSource.manager;
    const { year } = await this.settings.workingYear(manager);
    const profileRow = await manager.query<{ values: PolicyProfileValues }[]>(`SELECT values FROM policy_profiles WHERE year = $1`, [year]);
    const profile = profileRow[0]?.values;
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Jixiao';
    const sheet = workbook.addWorksheet(EVALUATION_RECORD_IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = EVALUATION_RECORD_IMPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: Math.max(12, c.zh.length * 2 + 4) }));
    sheet.getRow(1).font = { bold: true };

    const orgQb = manager
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .where('o.kind IN (:...kinds)', { kinds: PROJECT_OWNER_KINDS })
      .orderBy('o.code');
    await this.scope.applyTo(orgQb, 'o.id', caller);
    const orgs = await orgQb.getMany();
    const orgSheet = workbook.addWorksheet(ORG_SHEET);
    orgSheet.columns = [
      { header: '单位编码', key: 'code', width: 16 },
      { header: '单位名称', key: 'name', width: 36 },
    ];
    orgSheet.getRow(1).font = { bold: true };
    for (const o of orgs) orgSheet.addRow({ code: o.code, name: o.name });

    const projectQb = manager
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.organization', 'po')
      .where('p.year = :year', { year })
      .orderBy('p.code')
      .take(TEMPLATE_PROJECT_CAP);
    await this.scope.applyTo(projectQb, 'p.organizationId', caller);
    const projects = await projectQb.getMany();
    const list = workbook.addWorksheet(PROJECTS_SHEET);
    list.columns = [
      { header: '项目编码', key: 'code', width: 20 },
      { header: '项目名称', key: 'name', width: 36 },
      { header: '单位编码', key: 'organizationCode', width: 16 },
      { header: '单位名称', key: 'organizationName', width: 28 },
      { header: '类型', key: 'kind', width: 14 },
      { header: `重点项目（${year} 年）`, key: 'key', width: 16 },
      { header: '最近重点评价年度', key: 'lastKey', width: 18 },
    ];
    list.getRow(1).font = { bold: true };
    for (const p of projects) {
      list.addRow({
        code: p.code,
        name: p.name,
        organizationCode: p.organization?.code ?? '',
        organizationName: p.organization?.name ?? '',
        kind: PROJECT_KIND_LABELS[p.kind as ProjectKind]?.zh ?? p.kind,
        key: keyBasisOf(p, profile) ? '是' : '否',
        lastKey: p.latestKeyEvaluationYear ?? '',
      });
    }

    const letter = (key: ColumnKey) => columnLetter(EVALUATION_RECORD_IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1);
    const dropdown = (formula: string, strict: boolean): ExcelJS.DataValidation => ({
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: strict,
      errorTitle: '取值不正确',
      error: '请从下拉列表中选择',
    });
    const kinds = dropdown(
      `"${Object.values(EVALUATION_KIND_LABELS)
        .map((l) => l.zh)
        .join(',')}"`,
      true,
    );
    const grades = dropdown(`"${GRADES.map((g) => GRADE_LABELS[g].zh).join(',')}"`, true);
    const orgCodes = orgs.length ? dropdown(`'${ORG_SHEET}'!$A$2:$A$${orgs.length + 1}`, false) : null;
    for (let r = 2; r <= 2000; r++) {
      sheet.getCell(`${letter('kind')}${r}`).dataValidation = kinds;
      sheet.getCell(`${letter('grade')}${r}`).dataValidation = grades;
      if (orgCodes) sheet.getCell(`${letter('organizationCode')}${r}`).dataValidation = orgCodes;
    }

    const help = workbook.addWorksheet(EVALUATION_RECORD_IMPORT_INSTRUCTIONS_SHEET);
    help.columns = [
      { header: '列', key: 'column', width: 20 },
      { header: '必填', key: 'required', width: 8 },
      { header: '说明 / Notes', key: 'note', width: 100 },
    ];
    help.getRow(1).font = { bold: true };
    const notes: Record<ColumnKey, string> = {
      projectCode: `项目在项目库中的编码（跨年度不变）；库中已有该编码时须属于所填单位。参考“${PROJECTS_SHEET}”表（${year} 年，本单位数据范围内）`,
      organizationCode: `见“${ORG_SHEET}”表，只能填写本单位及下级单位`,
      year: '被评价的预算年度，四位数字，例如 2019；不晚于今年，且该年度须已有政策参数（没有时请财政局复制创建）',
      kind: '单位自评 / 部门评价 / 财政重点评价（也接受 self、department、finance_key）；部门评价和财政重点评价计入重点项目五年覆盖（R4）',
      score: '0 到该年度政策参数的满分（默认 100），最多两位小数',
      grade:
        '优 / 良 / 中 / 差；须与得分在该年度政策参数的等级线下一致（默认优 ≥ 90，良 ≥ 80，中 ≥ 60），不一致的行不导入；留空时按得分确定',
      evaluator: `最多 ${EVALUATOR_MAX} 字`,
    };
    for (const c of EVALUATION_RECORD_IMPORT_COLUMNS) help.addRow({ column: c.zh, required: c.required ? '是' : '否', note: notes[c.key] });
    help.addRow({});
    help.addRow({
      column:
        '整个文件先校验，全部正确才写入；任一单元格有误则不写入任何数据，并列出每个错误的表、行、列和原因。' +
        '同一项目编码、单位、年度和评价类型只有一条记录：已有记录且得分、等级、评价机构相同的行视为已导入，不重复写入；不同的行不导入（已有记录不被覆盖）。',
    });
    if (projects.length >= TEMPLATE_PROJECT_CAP) help.addRow({ column: `“${PROJECTS_SHEET}”表只列出前 ${TEMPLATE_PROJECT_CAP} 个项目。` });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  import(caller: Principal, request: FastifyRequest): Promise<EvaluationRecordImportResultDto> {
    return this.excelImport.run(request, (context) => this.importWorkbook(caller, context));
  }

  /** The same for a workbook already on disk (tests, benchmarks). */
  importFile(caller: Principal, path: string, fileName = 'import.xlsx'): Promise<EvaluationRecordImportResultDto> {
    return this.excelImport.runFile(path, fileName, (context) => this.importWorkbook(caller, context));
  }

  private async importWorkbook(caller: Principal, { workbook, fileName, errors }: ImportContext): Promise<EvaluationRecordImportResultDto> {
    if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
    const { rows, sheet, columns } = await this.parse(workbook, errors);
    return this.dataSource.transaction(async (manager) => {
      // One import of records at a time, so two uploads of one file cannot both write it.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('jixiao.evaluation-record-import'))`);
      const { created, unchanged } = await this.resolve(caller, sheet, columns, rows, errors, manager);
      if (errors.hasErrors) throw errors.toError(EvaluationRecordErrors.EVALUATION_RECORD_IMPORT_INVALID);
      // Each record updates its code's projects' last key evaluation year, then their organizations' stored
      // coverage counts (migration KeyCoverageStored): those projects are locked first, in one order.
      await lockProjectsOfCodesInOrder(
        manager,
        created.map((r) => ({ code: r.projectCode, organizationId: r.organizationId })),
      );
      const recordedAt = new Date();
      const recordedById = caller.id;
      for (let i = 0; i < created.length; i += 1000) {
        await manager.insert(
          EvaluationRecordEntity,
          created.slice(i, i + 1000).map((r) => ({
            projectCode: r.projectCode,
            organizationId: r.organizationId,
            year: r.year,
            kind: r.kind,
            score: r.score,
            grade: r.grade,
            evaluator: r.evaluator,
            source: 'history_import' as const,
            evaluationId: null,
            sourceFile: fileName.slice(0, 255),
            recordedById,
            recordedAt,
          })),
        );
      }
      const result: EvaluationRecordImportResultDto = {
        rows: rows.length,
        created: created.length,
        unchanged,
        notInLibrary: created.filter((r) => !r.inLibrary).length,
      };
      await this.audit.record(manager, {
        action: 'evaluation_record.import',
        entityType: 'evaluation_record',
        entityId: null,
        after: { fileName, ...result },
      });
      return result;
    });
  }

  /** Reads the data sheet row by row; every cell is checked on its own, the database is asked afterwards. */
  private async parse(
    workbook: ImportContext['workbook'],
    errors: ImportErrorCollector,
  ): Promise<{ rows: ParsedRow[]; sheet: string; columns: Map<ColumnKey, string> }> {
    const sheet = workbook.sheet(EVALUATION_RECORD_IMPORT_SHEET, /^Sheet\d+$/);
    if (!sheet) throw ExcelImportErrors.IMPORT_SHEET_MISSING({ params: { sheet: EVALUATION_RECORD_IMPORT_SHEET } });
    const rows: ParsedRow[] = [];
    const columns = new Map<ColumnKey, string>();
    for await (const { number, raw } of keyedRows(
      workbook.rows(sheet, { headerRows: 1 }),
      sheet,
      EVALUATION_RECORD_IMPORT_COLUMNS,
      COLUMN_BY_HEADER,
      errors,
      columns,
    )) {
      rows.push(this.parseRow(number, raw, (key, code, zh, en) => errors.cell(sheet.name, number, columns.get(key) ?? 'A', code, zh, en)));
    }
    if (!rows.length && !errors.hasErrors)
      errors.cell(sheet.name, 2, 'A', 'noRows', '没有可导入的数据行', 'There are no data rows to import');
    return { rows, sheet: sheet.name, columns };
  }

  private parseRow(
    line: number,
    raw: Map<ColumnKey, unknown>,
    bad: (key: ColumnKey, code: string, zh: string, en: string) => void,
  ): ParsedRow {
    const text = (key: ColumnKey) => cellText(raw.get(key));
    const required = (key: ColumnKey): string | null => {
      const value = text(key);
      if (value !== '') return value;
      const c = EVALUATION_RECORD_IMPORT_COLUMNS.find((col) => col.key === key)!;
      bad(key, 'required', `“${c.zh}”不能为空`, `${c.en} is required`);
      return null;
    };

    let projectCode = required('projectCode');
    if (projectCode !== null && !PROJECT_CODE_PATTERN.test(projectCode)) {
      bad(
        'projectCode',
        'projectCode',
        '项目编码由字母、数字、短横线或下划线组成，最长 64 位',
        'A project code has letters, digits, dashes or underscores, at most 64',
      );
      projectCode = null;
    }
    let organizationCode = required('organizationCode');
    if (organizationCode !== null && organizationCode.length > 64) {
      bad('organizationCode', 'maxLength', '单位编码最长 64 位', 'An organization code has at most 64 characters');
      organizationCode = null;
    }

    let year: number | null = null;
    const yearText = required('year');
    const current = Number(shanghaiDate().slice(0, 4));
    if (yearText !== null) {
      const m = /^(\d{4})(?:\s*年(?:度)?)?$/.exec(yearText);
      if (!m || Number(m[1]) < 2000) {
        bad('year', 'year', '年度须为四位数字，例如 2019', 'The year must have four digits, e.g. 2019');
      } else if (Number(m[1]) > current) {
        const e = EvaluationRecordErrors.EVALUATION_RECORD_YEAR_FUTURE({ params: { current } });
        bad('year', e.code, e.messageZh, e.messageEn);
      } else year = Number(m[1]);
    }

    let kind: EvaluationKind | null = null;
    const kindText = required('kind');
    if (kindText !== null) {
      kind = KIND_BY_TEXT.get(normal(kindText)) ?? null;
      if (!kind) {
        bad(
          'kind',
          'kind',
          `评价类型“${kindText}”无法识别：请填写单位自评、部门评价或财政重点评价`,
          `Unknown kind "${kindText}": use 单位自评 (self), 部门评价 (department) or 财政重点评价 (finance_key)`,
        );
      }
    }

    let scoreText = required('score');
    if (scoreText !== null && !/^\d{1,3}(\.\d{1,2})?$/.test(scoreText)) {
      bad(
        'score',
        'score',
        `得分“${scoreText}”须为不为负、最多两位小数的数`,
        `The score "${scoreText}" must be a non-negative number with at most two decimals`,
      );
      scoreText = null;
    }

    let grade: Grade | null = null;
    const gradeText = text('grade');
    if (gradeText !== '') {
      grade = GRADE_BY_TEXT.get(normal(gradeText)) ?? null;
      if (!grade)
        bad('grade', 'grade', `等级“${gradeText}”无法识别：请填写优、良、中或差`, `Unknown grade "${gradeText}": use 优, 良, 中 or 差`);
    }

    const evaluator = text('evaluator') || null;
    if (evaluator && evaluator.length > EVALUATOR_MAX) {
      bad('evaluator', 'maxLength', `评价机构/评价人最多 ${EVALUATOR_MAX} 字`, `The evaluator has at most ${EVALUATOR_MAX} characters`);
    }
    return { line, projectCode, organizationCode, year, kind, scoreText, grade, gradeGiven: gradeText !== '', evaluator };
  }

  /**
   * Checks what needs the database — the organization in scope, the year's profile with the score and
   * grade, the code in the library, duplicates, earlier records — and sorts the rows into new and unchanged.
   */
  private async resolve(
    caller: Principal,
    sheet: string,
    columns: Map<ColumnKey, string>,
    rows: ParsedRow[],
    errors: ImportErrorCollector,
    manager: EntityManager,
  ): Promise<{ created: ResolvedRow[]; unchanged: number }> {
    const err = (row: ParsedRow, key: ColumnKey, code: string, zh: string, en: string) =>
      errors.cell(sheet, row.line, columns.get(key) ?? 'A', code, zh, en);
    const refuse = (row: ParsedRow, key: ColumnKey, e: AppError) => err(row, key, e.code, e.messageZh, e.messageEn);

    const orgCodes = [...new Set(rows.map((r) => r.organizationCode).filter((c): c is string => c !== null))];
    const orgs: { id: string; code: string; kind: string }[] = orgCodes.length
      ? await manager.query(`SELECT id::text AS id, code, kind FROM organizations WHERE code = ANY($1::text[])`, [orgCodes])
      : [];
    const orgByCode = new Map(orgs.map((o) => [o.code, o]));
    const visible = await this.scope.visibleOrganizationIds(caller, manager);
    const visibleSet = visible ? new Set(visible) : null;

    const years = [...new Set(rows.map((r) => r.year).filter((y): y is number => y !== null))];
    const profiles = new Map<number, PolicyProfileValues>();
    if (years.length) {
      const found = await manager.query<{ year: number; values: PolicyProfileValues }[]>(
        `SELECT year, values FROM policy_profiles WHERE year = ANY($1::int[])`,
        [years],
      );
      for (const p of found) profiles.set(p.year, p.values);
    }

    // Which organizations the library has each code under (any year): a known code must belong to the row's organization.
    const codes = [...new Set(rows.map((r) => r.projectCode).filter((c): c is string => c !== null))];
    const ownersOf = new Map<string, Set<string>>();
    for (let i = 0; i < codes.length; i += 10_000) {
      const found = await manager.query<{ code: string; organization_id: string }[]>(
        `SELECT DISTINCT code, organization_id::text AS organization_id FROM projects WHERE code = ANY($1::text[])`,
        [codes.slice(i, i + 10_000)],
      );
      for (const p of found) ownersOf.set(p.code, (ownersOf.get(p.code) ?? new Set()).add(p.organization_id));
    }

    const resolved: (ResolvedRow & { row: ParsedRow })[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      let organizationId: string | null = null;
      if (row.organizationCode !== null) {
        const org = orgByCode.get(row.organizationCode);
        if (!org || !PROJECT_OWNER_KINDS.includes(org.kind)) {
          err(
            row,
            'organizationCode',
            'organizationUnknown',
            `单位编码 ${row.organizationCode} 不存在或不是部门、单位、镇`,
            `No department, unit or town has the code ${row.organizationCode}`,
          );
        } else if (visibleSet && !visibleSet.has(org.id)) {
          err(
            row,
            'organizationCode',
            'outOfScope',
            `单位 ${row.organizationCode} 不在本单位数据范围内`,
            `${row.organizationCode} is outside your organization's scope`,
          );
        } else organizationId = org.id;
      }
      const profile = row.year === null ? undefined : profiles.get(row.year);
      if (row.year !== null && !profile) {
        const m = noProfileMessage(row.year);
        err(row, 'year', 'noPolicyProfile', m.zh, m.en);
      }
      let score: string | null = null;
      let grade: Grade | null = null;
      if (profile && row.year !== null && row.scoreText !== null) {
        const s = scoreOrError(row.scoreText, row.year, profile);
        if (typeof s === 'string') {
          score = s;
          if (!row.gradeGiven || row.grade !== null) {
            const g = gradeOrError(s, row.grade, row.year, profile);
            if (typeof g === 'string') grade = g;
            else refuse(row, 'grade', g);
          }
        } else refuse(row, 'score', s);
      }
      if (row.projectCode !== null && organizationId !== null) {
        const owners = ownersOf.get(row.projectCode);
        if (owners && !owners.has(organizationId)) {
          refuse(
            row,
            'projectCode',
            EvaluationRecordErrors.EVALUATION_RECORD_CODE_ELSEWHERE({
              params: { code: row.projectCode, organization: row.organizationCode! },
            }),
          );
          continue;
        }
      }
      if (row.projectCode === null || organizationId === null || row.year === null || row.kind === null || score === null || grade === null)
        continue;
      if (row.evaluator && row.evaluator.length > EVALUATOR_MAX) continue;
      const candidate = {
        row,
        line: row.line,
        projectCode: row.projectCode,
        organizationId,
        year: row.year,
        kind: row.kind,
        score,
        grade,
        evaluator: row.evaluator,
        inLibrary: ownersOf.has(row.projectCode),
      };
      const key = recordKey(candidate);
      const first = seen.get(key);
      if (first !== undefined) {
        err(
          row,
          'projectCode',
          'duplicateInFile',
          `与第 ${first} 行的项目编码、单位、年度和评价类型重复`,
          `Same project code, organization, year and kind as row ${first}`,
        );
        continue;
      }
      seen.set(key, row.line);
      resolved.push(candidate);
    }

    // Records already kept for these keys: the same figures are unchanged, different ones are refused.
    const stored = new Map<string, EvaluationRecordEntity>();
    const keyCodes = [...new Set(resolved.map((r) => r.projectCode))];
    for (let i = 0; i < keyCodes.length; i += 10_000) {
      const found = await manager
        .getRepository(EvaluationRecordEntity)
        .createQueryBuilder('r')
        .where('r.projectCode IN (:...codes)', { codes: keyCodes.slice(i, i + 10_000) })
        .getMany();
      for (const r of found) stored.set(recordKey(r), r);
    }
    const created: ResolvedRow[] = [];
    let unchanged = 0;
    for (const r of resolved) {
      const prior = stored.get(recordKey(r));
      if (!prior) {
        created.push(r);
        continue;
      }
      if (prior.score === r.score && prior.grade === r.grade && (prior.evaluator ?? null) === r.evaluator) {
        unchanged++;
        continue;
      }
      const column: ColumnKey = prior.score !== r.score ? 'score' : prior.grade !== r.grade ? 'grade' : 'evaluator';
      refuse(r.row, column, conflictError(prior, r.score, r.grade, r.evaluator));
    }
    return { created, unchanged };
  }
}

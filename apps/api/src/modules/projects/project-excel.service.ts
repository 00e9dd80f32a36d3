import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import {
  FUND_SOURCES,
  GATE_STATUS_LABELS,
  KEY_BASIS_LABELS,
  PROJECT_IMPORT_COLUMNS,
  PROJECT_IMPORT_INSTRUCTIONS_SHEET,
  PROJECT_IMPORT_SHEET,
  PROJECT_KIND_LABELS,
  PUBLIC_ATTENTION_LABELS,
  ProjectImportColumnKey,
  ProjectKind,
  PublicAttention,
  YES_NO,
  type ExportFormat,
} from '@jixiao/contracts';
import { isMoney, keyBasisOf, normalizeMoney } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../common/audit/audit.service';
import { CommonErrors } from '../../common/errors/common.errors';
import {
  cellText,
  columnLetter,
  ExcelImportErrors,
  ExcelImportService,
  ImportErrorCollector,
  type ImportContext,
} from '../../common/excel';
import { DataScope } from '../../common/scope/data-scope.service';
import { assertExportFits, keysetBatches, type ExportColumn, type ExportRow } from '../../common/export';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { storedGate } from '../budget-gate/budget-gate.service';
import { noProfileMessage } from '../policy-profiles/policy-profiles.errors';
import { ProjectFilterDto, PROJECT_CODE_PATTERN, ImportResultDto } from './dto/project.dto';
import { ProjectErrors } from './projects.errors';
import { normalizeFundSources, projectRuleIssues, type FundSourceValue } from './project-rules';
import { PROJECT_OWNER_KINDS, ProjectsService } from './projects.service';
import { ProjectEntity } from './entities/project.entity';
import { lockProjectsInOrder } from '../../database/lock-order';
import { fundSourcesJsonSql } from './fund-sources-json.sql';

const ORG_SHEET = '单位编码';
const INSERT_CHUNK = 5000;

const KIND_BY_TEXT = new Map<string, ProjectKind>();
for (const [value, label] of Object.entries(PROJECT_KIND_LABELS)) {
  KIND_BY_TEXT.set(value, value as ProjectKind);
  KIND_BY_TEXT.set(label.zh, value as ProjectKind);
}
const ATTENTION_BY_TEXT = new Map<string, PublicAttention>();
for (const [value, label] of Object.entries(PUBLIC_ATTENTION_LABELS)) {
  ATTENTION_BY_TEXT.set(value, value as PublicAttention);
  ATTENTION_BY_TEXT.set(label.zh, value as PublicAttention);
}
const FUND_KEYS = FUND_SOURCES.map((f) => f.value);
const COLUMN_BY_HEADER = new Map<string, ProjectImportColumnKey>(PROJECT_IMPORT_COLUMNS.map((c) => [c.zh, c.key]));

/** One parsed, valid row of the workbook. */
export interface ImportRow {
  line: number;
  year: number;
  code: string;
  name: string;
  kind: ProjectKind;
  organizationCode: string;
  organizationId: string;
  budgetAmount: string;
  fundSources: FundSourceValue[];
  isNew: boolean;
  isMajor: boolean;
  isCapitalConstruction: boolean;
  isLivelihood: boolean;
  publicAttention: PublicAttention;
  managementChainLevels: number | null;
  lastYearExecutionRate: string | null;
  inDisclosureScope: boolean;
  startYear: number | null;
  endYear: number | null;
}

/** What an export row is made of: a project's columns, read as plain values (no entity). */
interface ProjectExportSource extends Record<string, unknown> {
  year: number;
  code: string;
  name: string;
  kind: ProjectEntity['kind'];
  budgetAmount: string;
  isNew: boolean;
  isMajor: boolean;
  isCapitalConstruction: boolean;
  isLivelihood: boolean;
  publicAttention: ProjectEntity['publicAttention'];
  managementChainLevels: number | null;
  lastYearExecutionRate: string | null;
  inDisclosureScope: boolean;
  startYear: number | null;
  endYear: number | null;
  manualKeyBasis: ProjectEntity['manualKeyBasis'];
  gateStatus: string;
  gateReasons: string[];
  organizationCode: string | null;
  organizationName: string | null;
  /** Fund source → amount (text, exact), NULL without any. */
  fundSources: Record<string, string> | null;
}

/** The export's columns as SQL over the projects row `p` (`keysetBatches`' select). */
const EXPORT_SELECT: Record<keyof ProjectExportSource & string, string> = {
  year: 'p.year',
  code: 'p.code',
  name: 'p.name',
  kind: 'p.kind',
  budgetAmount: 'p.budget_amount',
  isNew: 'p.is_new',
  isMajor: 'p.is_major',
  isCapitalConstruction: 'p.is_capital_construction',
  isLivelihood: 'p.is_livelihood',
  publicAttention: 'p.public_attention',
  managementChainLevels: 'p.management_chain_levels',
  lastYearExecutionRate: 'p.last_year_execution_rate',
  inDisclosureScope: 'p.in_disclosure_scope',
  startYear: 'p.start_year',
  endYear: 'p.end_year',
  manualKeyBasis: 'p.manual_key_basis',
  gateStatus: 'p.gate_status',
  gateReasons: 'p.gate_reasons',
  organizationCode: 'SELECT o.code FROM organizations o WHERE o.id = p.organization_id',
  organizationName: 'SELECT o.name FROM organizations o WHERE o.id = p.organization_id',
  fundSources: 'SELECT json_object_agg(f.source, f.amount::text) FROM project_fund_sources f WHERE f.project_id = p.id',
};

@Injectable()
export class ProjectExcelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: DataScope,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
    private readonly excelImport: ExcelImportService,
  ) {}

  /** The import template: header row in Chinese, instructions, dropdown lists, the caller's organization codes. */
  async template(caller: Principal): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Jixiao';
    const sheet = workbook.addWorksheet(PROJECT_IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = PROJECT_IMPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: Math.max(12, c.zh.length * 2 + 2) }));
    sheet.getRow(1).font = { bold: true };
    const orgQb = this.dataSource
      .getRepository(OrganizationEntity)
      .createQueryBuilder('o')
      .where('o.kind IN (:...kinds)', { kinds: PROJECT_OWNER_KINDS })
      .andWhere('o.active = true')
      .orderBy('o.code');
    await this.scope.applyTo(orgQb, 'o.id', caller);
    const orgs = await orgQb.getMany();
    const orgSheet = workbook.addWorksheet(ORG_SHEET);
    orgSheet.columns = [
      { header: '单位编码', key: 'code', width: 16 },
      { header: '单位名称', key: 'name', width: 36 },
    ];
    for (const o of orgs) orgSheet.addRow({ code: o.code, name: o.name });

    const col = (key: ProjectImportColumnKey) => columnLetter(PROJECT_IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1);
    const list = (values: string[]) => `"${values.join(',')}"`;
    const validate = (key: ProjectImportColumnKey, validation: ExcelJS.DataValidation) => {
      for (let r = 2; r <= 2000; r++) sheet.getCell(`${col(key)}${r}`).dataValidation = validation;
    };
    const dropdown = (values: string): ExcelJS.DataValidation => ({
      type: 'list',
      allowBlank: true,
      formulae: [values],
      showErrorMessage: true,
      errorTitle: '取值不正确',
      error: '请从下拉列表中选择',
    });
    validate('kind', dropdown(list(Object.values(PROJECT_KIND_LABELS).map((l) => l.zh))));
    for (const key of ['isNew', 'isMajor', 'isCapitalConstruction', 'isLivelihood', 'inDisclosureScope'] as const) {
      validate(key, dropdown(list([YES_NO.yes, YES_NO.no])));
    }
    validate('publicAttention', dropdown(list(Object.values(PUBLIC_ATTENTION_LABELS).map((l) => l.zh))));
    if (orgs.length) validate('organizationCode', dropdown(`'${ORG_SHEET}'!$A$2:$A$${orgs.length + 1}`));

    const help = workbook.addWorksheet(PROJECT_IMPORT_INSTRUCTIONS_SHEET);
    help.columns = [
      { header: '列', key: 'column', width: 28 },
      { header: '必填', key: 'required', width: 8 },
      { header: '说明 / Notes', key: 'note', width: 90 },
    ];
    help.getRow(1).font = { bold: true };
    const notes: Partial<Record<ProjectImportColumnKey, string>> = {
      year: '四位年度，例如 2022；该年度须已有政策参数',
      code: '字母、数字、短横线或下划线，最长 64 位；同一年度内唯一。重复导入按“年度+编码”更新',
      kind: '项目 / 政策 / 部门整体支出',
      organizationCode: `见“${ORG_SHEET}”表，只能填写本单位及下级单位`,
      budgetAmount: '单位：元，最多两位小数，不能为负',
      isNew: '是 / 否；新增重大项目或基本建设项目须做事前绩效评估',
      publicAttention: '高 / 中 / 低，默认低',
      lastYearExecutionRate: '0 到 100，最多两位小数',
      startYear: '开始年度不得晚于结束年度',
    };
    for (const c of PROJECT_IMPORT_COLUMNS) {
      help.addRow({
        column: c.zh,
        required: c.required ? '是' : '否',
        note:
          notes[c.key] ??
          (c.key in { general_budget: 1 } || FUND_KEYS.includes(c.key as never) ? '资金来源金额（元），各来源合计不得超过预算金额' : ''),
      });
    }
    help.addRow({});
    help.addRow({ column: '整个文件先校验，全部正确才写入；任一单元格有误则不写入任何数据，并列出每个错误的表、行、列和原因。' });
    // An example belongs here, never on the data sheet: a filled-in template must import as it is.
    const example = orgs[0];
    if (example) {
      help.addRow({});
      help.addRow({ column: `填写示例（请在“${PROJECT_IMPORT_SHEET}”表第 2 行起填写，本表不导入）` }).font = { bold: true };
      const sample: Partial<Record<ProjectImportColumnKey, string>> = {
        year: '2022',
        code: 'XM-0001',
        name: '中小学课后服务补助',
        kind: PROJECT_KIND_LABELS.project.zh,
        organizationCode: example.code,
        budgetAmount: '1200000.00',
        general_budget: '1200000.00',
        isNew: YES_NO.no,
        isMajor: YES_NO.no,
        isCapitalConstruction: YES_NO.no,
        isLivelihood: YES_NO.yes,
        publicAttention: PUBLIC_ATTENTION_LABELS.medium.zh,
        inDisclosureScope: YES_NO.yes,
      };
      for (const c of PROJECT_IMPORT_COLUMNS) if (sample[c.key]) help.addRow({ column: c.zh, note: sample[c.key] });
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** Reads and validates the whole uploaded workbook, then writes everything in one transaction, or nothing. */
  import(caller: Principal, request: FastifyRequest): Promise<ImportResultDto> {
    return this.excelImport.run(request, (context) => this.importWorkbook(caller, context));
  }

  /** The same for a workbook already on disk (the import benchmark). */
  importFile(caller: Principal, path: string, fileName = 'import.xlsx'): Promise<ImportResultDto> {
    return this.excelImport.runFile(path, fileName, (context) => this.importWorkbook(caller, context));
  }

  private async importWorkbook(caller: Principal, { workbook, fileName, errors }: ImportContext): Promise<ImportResultDto> {
    if (caller.readOnly) throw CommonErrors.READ_ONLY_ROLE();
    const { rows, sheet } = await this.parse(workbook, errors);
    return this.dataSource.transaction(async (manager) => {
      // One project import at a time: two uploads of one file cannot both write it, and two imports never
      // take one organization's stored counts in opposite orders.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('jixiao.project-import'))`);
      const resolved = await this.resolve(caller, sheet, rows, errors, manager);
      if (errors.hasErrors) throw errors.toError(ProjectErrors.PROJECT_IMPORT_INVALID);
      const result = await this.write(manager, resolved);
      await this.audit.record(manager, {
        action: 'project.import',
        entityType: 'project',
        entityId: null,
        after: { fileName, ...result },
      });
      return result;
    });
  }

  /** The export's columns: the import template's, then the read-only ones. */
  static readonly EXPORT_COLUMNS: ExportColumn[] = [
    ...PROJECT_IMPORT_COLUMNS.map((c) => ({ key: c.key, header: c.zh })),
    { key: 'organizationName', header: '单位名称', width: 30 },
    { key: 'keyBasis', header: '重点项目依据', width: 24 },
    { key: 'gate', header: '预算安排状态', width: 14 },
    { key: 'reasons', header: '原因', width: 40 },
  ];

  /**
   * The filtered list (scope applied) in the import template's layout plus read-only columns, as
   * rows batch by batch in year and code order (`streamExport` writes them as they come). An .xlsx
   * beyond a sheet's rows is refused before anything is sent.
   */
  async exportRows(caller: Principal, filter: ProjectFilterDto, format: ExportFormat): Promise<AsyncIterable<ExportRow[]>> {
    await assertExportFits(await this.projects.filteredQuery(caller, filter), format);
    // year and code are unique together: the keyset is exactly the unique index; one statement a
    // batch reads the rows' columns, organization and fund sources as plain values
    const batches = keysetBatches<ProjectExportSource>(
      () => this.projects.filteredQuery(caller, filter),
      [
        { expr: 'p.year', direction: 'ASC' },
        { expr: 'p.code', direction: 'ASC' },
      ],
      EXPORT_SELECT,
    );
    const yesNo = (b: boolean) => (b ? YES_NO.yes : YES_NO.no);
    const toRows = async (rows: ProjectExportSource[]): Promise<ExportRow[]> => {
      const profiles = await this.projects.profilesFor([...new Set(rows.map((r) => r.year))]);
      return rows.map((p) => {
        const keyBasis = keyBasisOf(p, profiles.get(p.year));
        const gate = storedGate(p.gateStatus, p.gateReasons);
        const row: ExportRow = {
          year: p.year,
          code: p.code,
          name: p.name,
          kind: PROJECT_KIND_LABELS[p.kind].zh,
          organizationCode: p.organizationCode ?? '',
          budgetAmount: p.budgetAmount,
          isNew: yesNo(p.isNew),
          isMajor: yesNo(p.isMajor),
          isCapitalConstruction: yesNo(p.isCapitalConstruction),
          isLivelihood: yesNo(p.isLivelihood),
          publicAttention: PUBLIC_ATTENTION_LABELS[p.publicAttention].zh,
          managementChainLevels: p.managementChainLevels,
          lastYearExecutionRate: p.lastYearExecutionRate,
          inDisclosureScope: yesNo(p.inDisclosureScope),
          startYear: p.startYear,
          endYear: p.endYear,
          organizationName: p.organizationName ?? '',
          keyBasis: keyBasis ? KEY_BASIS_LABELS[keyBasis].zh : '',
          gate: GATE_STATUS_LABELS[gate.status].zh,
          reasons: gate.reasons.map((r) => r.message).join('；'),
        };
        const sources = Object.entries(p.fundSources ?? {}).map(([source, amount]) => ({ source, amount }));
        for (const f of normalizeFundSources(sources)) row[f.source] = f.amount;
        return row;
      });
    };
    return (async function* () {
      for await (const batch of batches) yield await toRows(batch);
    })();
  }

  /** Streams the sheet row by row and checks every cell on its own; organizations and existing rows are checked in `resolve`. */
  private async parse(workbook: ImportContext['workbook'], errors: ImportErrorCollector): Promise<{ rows: ParsedRow[]; sheet: string }> {
    // Other sheets (instructions, organization codes) are not read at all.
    const sheet = workbook.sheet(PROJECT_IMPORT_SHEET, /^Sheet\d+$/);
    if (!sheet) throw ExcelImportErrors.IMPORT_SHEET_MISSING({ params: { sheet: PROJECT_IMPORT_SHEET } });
    const rows: ParsedRow[] = [];
    const sheetErr = (row: number, column: string, code: string, zh: string, en: string) =>
      errors.cell(sheet.name, row, column, code, zh, en);
    let header: (ProjectImportColumnKey | undefined)[] | null = null;
    const letters: string[] = [];
    const letterOf = new Map<ProjectImportColumnKey, string>();
    for await (const row of workbook.rows(sheet, { headerRows: 1 })) {
      const values = row.values as unknown[];
      if (!header) {
        header = values.map((v) => COLUMN_BY_HEADER.get(cellText(v)));
        for (let i = 0; i < values.length; i++) letters[i] = columnLetter(i);
        const present = new Set(header.filter(Boolean));
        for (const c of PROJECT_IMPORT_COLUMNS) {
          if (c.required && !present.has(c.key)) {
            sheetErr(row.number, 'A', 'missingColumn', `缺少必填列“${c.zh}”`, `Required column "${c.en}" (${c.zh}) is missing`);
          }
        }
        if (errors.hasErrors) break;
        header.forEach((key, i) => {
          if (key && !letterOf.has(key)) letterOf.set(key, letters[i]);
        });
        for (const c of PROJECT_IMPORT_COLUMNS) if (!letterOf.has(c.key)) letterOf.set(c.key, '?');
        continue;
      }
      const cells = new Map<ProjectImportColumnKey, string>();
      let empty = true;
      for (let i = 0; i < header.length; i++) {
        const key = header[i];
        if (!key || cells.has(key)) continue;
        const text = cellText(values[i]);
        if (text !== '') empty = false;
        cells.set(key, text);
      }
      if (empty) continue;
      const parsed = this.parseRow(
        row.number,
        cells,
        (key, code, zh, en) => sheetErr(row.number, letterOf.get(key)!, code, zh, en),
        letterOf,
      );
      rows.push(Object.assign(parsed, { columns: letterOf }));
    }
    if (!rows.length && !errors.hasErrors) {
      sheetErr(2, 'A', 'noRows', '没有可导入的数据行', 'There are no data rows to import');
    }
    return { rows, sheet: sheet.name };
  }

  private parseRow(
    line: number,
    cells: Map<ProjectImportColumnKey, string>,
    err: (key: ProjectImportColumnKey, code: string, zh: string, en: string) => void,
    letterOf: Map<ProjectImportColumnKey, string>,
  ): ImportRow & { ok: boolean } {
    let ok = true;
    const bad = (key: ProjectImportColumnKey, code: string, zh: string, en: string) => {
      ok = false;
      err(key, code, zh, en);
    };
    const text = (key: ProjectImportColumnKey) => cells.get(key) ?? '';
    const required = (key: ProjectImportColumnKey): string | null => {
      const v = text(key);
      if (v === '') {
        const c = PROJECT_IMPORT_COLUMNS.find((x) => x.key === key)!;
        bad(key, 'required', `“${c.zh}”不能为空`, `${c.en} is required`);
        return null;
      }
      return v;
    };
    const intOf = (key: ProjectImportColumnKey, min: number, max: number, needed: boolean): number | null => {
      const v = needed ? required(key) : text(key) || null;
      if (v === null) return null;
      if (!/^\d{1,4}$/.test(v) || Number(v) < min || Number(v) > max) {
        bad(key, 'integer', `必须是 ${min} 到 ${max} 之间的整数`, `Must be a whole number from ${min} to ${max}`);
        return null;
      }
      return Number(v);
    };
    const boolOf = (key: ProjectImportColumnKey, needed: boolean): boolean => {
      const v = needed ? required(key) : text(key) || null;
      if (v === null) return false;
      if (v === YES_NO.yes || v === '1' || v.toLowerCase() === 'true') return true;
      if (v === YES_NO.no || v === '0' || v.toLowerCase() === 'false') return false;
      bad(key, 'yesNo', '请填写“是”或“否”', 'Write 是 (yes) or 否 (no)');
      return false;
    };
    const moneyOf = (key: ProjectImportColumnKey, needed: boolean): string | null => {
      const v = needed ? required(key) : text(key) || null;
      if (v === null) return null;
      const cleaned = v.replace(/,/g, '');
      if (!isMoney(cleaned)) {
        bad(key, 'isMoney', '必须是不为负、最多两位小数的金额（元）', 'Must be a non-negative amount in yuan with at most two decimals');
        return null;
      }
      return normalizeMoney(cleaned);
    };

    const year = intOf('year', 2000, 2100, true);
    const code = required('code');
    if (code !== null && !PROJECT_CODE_PATTERN.test(code)) {
      bad(
        'code',
        'codeFormat',
        '编码只能包含字母、数字、短横线和下划线，最长 64 位',
        'Letters, digits, dashes and underscores only, at most 64',
      );
    }
    const name = required('name');
    if (name !== null && name.length > 200) bad('name', 'maxLength', '名称不能超过 200 字', 'At most 200 characters');
    const kindText = required('kind');
    const kind = kindText !== null ? KIND_BY_TEXT.get(kindText) : undefined;
    if (kindText !== null && !kind) bad('kind', 'isIn', '类型须为 项目 / 政策 / 部门整体支出', 'Kind must be 项目, 政策 or 部门整体支出');
    const organizationCode = required('organizationCode');
    const budgetAmount = moneyOf('budgetAmount', true);
    const fundSources: FundSourceValue[] = [];
    for (const source of FUND_KEYS) {
      const amount = moneyOf(source as ProjectImportColumnKey, false);
      if (amount !== null && amount !== '0.00') fundSources.push({ source, amount });
    }
    const isNew = boolOf('isNew', true);
    const isMajor = boolOf('isMajor', true);
    const isCapitalConstruction = boolOf('isCapitalConstruction', true);
    const isLivelihood = boolOf('isLivelihood', false);
    const inDisclosureScope = boolOf('inDisclosureScope', false);
    const attentionText = text('publicAttention');
    const publicAttention = attentionText ? ATTENTION_BY_TEXT.get(attentionText) : 'low';
    if (!publicAttention) bad('publicAttention', 'isIn', '社会关注度须为 高 / 中 / 低', 'Public attention must be 高, 中 or 低');
    const managementChainLevels = intOf('managementChainLevels', 1, 20, false);
    const rateText = text('lastYearExecutionRate').replace(/%$/, '');
    let lastYearExecutionRate: string | null = null;
    if (rateText) {
      if (!isMoney(rateText) || Number(rateText) > 100) {
        bad(
          'lastYearExecutionRate',
          'percent',
          '须为 0 到 100 之间、最多两位小数的数',
          'Must be a number from 0 to 100 with at most two decimals',
        );
      } else lastYearExecutionRate = normalizeMoney(rateText);
    }
    const startYear = intOf('startYear', 1990, 2100, false);
    const endYear = intOf('endYear', 1990, 2100, false);
    if (budgetAmount !== null) {
      const issues = projectRuleIssues({ budgetAmount, fundSources, startYear, endYear }, (n) => n);
      for (const issue of issues) {
        const key: ProjectImportColumnKey = issue.field === 'endYear' ? 'endYear' : 'budgetAmount';
        void letterOf;
        bad(key, issue.code, issue.message, issue.messageEn);
      }
    }
    return {
      ok,
      line,
      year: year as number,
      code: code as string,
      name: name as string,
      kind: kind as ProjectKind,
      organizationCode: organizationCode as string,
      organizationId: '',
      budgetAmount: budgetAmount as string,
      fundSources: normalizeFundSources(fundSources),
      isNew,
      isMajor,
      isCapitalConstruction,
      isLivelihood,
      publicAttention: publicAttention as PublicAttention,
      managementChainLevels,
      lastYearExecutionRate,
      inDisclosureScope,
      startYear,
      endYear,
    };
  }

  /** Checks what needs the database: organizations in scope, profiles, duplicates, codes owned elsewhere. */
  private async resolve(
    caller: Principal,
    sheet: string,
    rows: ParsedRow[],
    errors: ImportErrorCollector,
    manager: EntityManager,
  ): Promise<{ rows: ImportRow[]; existing: Map<string, ExistingProject> }> {
    // Until every cell is good, a row's fields may be null where its cell was bad.
    const cellErr = (row: ParsedRow, key: ProjectImportColumnKey, code: string, zh: string, en: string) =>
      errors.cell(sheet, row.line, row.columns.get(key) ?? '?', code, zh, en);
    const codes = [...new Set(rows.map((r) => r.organizationCode).filter((c) => c !== null))];
    const orgs: { id: string; code: string; kind: string }[] = codes.length
      ? await manager.query(`SELECT id, code, kind FROM organizations WHERE code = ANY($1::text[])`, [codes])
      : [];
    const orgByCode = new Map(orgs.map((o) => [o.code, o]));
    const visible = await this.scope.visibleOrganizationIds(caller, manager);
    const visibleSet = visible ? new Set(visible) : null;
    const years = [...new Set(rows.map((r) => r.year).filter((y) => y !== null))];
    const profiled = new Set<number>(
      years.length
        ? (await manager.query(`SELECT year FROM policy_profiles WHERE year = ANY($1::int[])`, [years])).map(
            (r: { year: number }) => r.year,
          )
        : [],
    );
    const seen = new Map<string, number>();
    for (const row of rows) {
      const org = row.organizationCode === null ? undefined : orgByCode.get(row.organizationCode);
      if (row.organizationCode === null) {
        /* already reported as missing */
      } else if (!org || !PROJECT_OWNER_KINDS.includes(org.kind)) {
        cellErr(
          row,
          'organizationCode',
          'organizationUnknown',
          `单位编码 ${row.organizationCode} 不存在或不是部门、单位、镇`,
          `No department, unit or town has the code ${row.organizationCode}`,
        );
      } else if (visibleSet && !visibleSet.has(org.id)) {
        cellErr(
          row,
          'organizationCode',
          'outOfScope',
          `单位 ${row.organizationCode} 不在本单位数据范围内`,
          `${row.organizationCode} is outside your organization's scope`,
        );
      } else row.organizationId = org.id;
      if (row.year !== null && !profiled.has(row.year))
        cellErr(row, 'year', 'noPolicyProfile', noProfileMessage(row.year).zh, noProfileMessage(row.year).en);
      if (row.year === null || row.code === null) continue;
      const key = `${row.year}|${row.code}`;
      const first = seen.get(key);
      if (first !== undefined) {
        cellErr(row, 'code', 'duplicateInFile', `与第 ${first} 行的年度和编码重复`, `Same year and code as row ${first}`);
      } else seen.set(key, row.line);
    }
    const existing = new Map<string, ExistingProject>();
    for (const year of years) {
      const yearCodes = rows.filter((r) => r.year === year && r.code !== null).map((r) => r.code);
      for (let i = 0; i < yearCodes.length; i += 10000) {
        const found: ExistingProject[] = await manager.query(
          `SELECT p.id, p.year, p.code, p.name, p.kind, p.organization_id AS "organizationId", p.budget_amount AS "budgetAmount",
                  p.is_new AS "isNew", p.is_major AS "isMajor", p.is_capital_construction AS "isCapitalConstruction",
                  p.is_livelihood AS "isLivelihood", p.public_attention AS "publicAttention",
                  p.management_chain_levels AS "managementChainLevels", p.last_year_execution_rate AS "lastYearExecutionRate",
                  p.in_disclosure_scope AS "inDisclosureScope", p.start_year AS "startYear", p.end_year AS "endYear",
                  ${fundSourcesJsonSql('project', 'p.id')} AS "fundSources"
             FROM projects p WHERE p.year = $1 AND p.code = ANY($2::text[])`,
          [year, yearCodes.slice(i, i + 10000)],
        );
        for (const p of found) existing.set(`${p.year}|${p.code}`, p);
      }
    }
    for (const row of rows) {
      const prior = existing.get(`${row.year}|${row.code}`);
      if (prior && row.organizationId && prior.organizationId !== row.organizationId) {
        const outside = visibleSet && !visibleSet.has(prior.organizationId);
        cellErr(
          row,
          'code',
          outside ? 'codeTaken' : 'organizationChange',
          outside ? `该年度编码 ${row.code} 已被其他单位使用` : `编码 ${row.code} 已属于其他单位，不能通过导入改变单位`,
          outside
            ? `The code ${row.code} is already used in that year by another organization`
            : `The code ${row.code} belongs to another organization; an import cannot move it`,
        );
      }
    }
    return { rows, existing };
  }

  private async write(
    manager: EntityManager,
    input: { rows: ImportRow[]; existing: Map<string, ExistingProject> },
  ): Promise<ImportResultDto> {
    const toCreate: (ImportRow & { id: string })[] = [];
    const toUpdate: (ImportRow & { id: string })[] = [];
    let unchanged = 0;
    for (const row of input.rows) {
      const prior = input.existing.get(`${row.year}|${row.code}`);
      if (!prior) toCreate.push({ ...row, id: randomUUID() });
      else if (sameProject(prior, row)) unchanged++;
      else toUpdate.push({ ...row, id: prior.id });
    }
    const columns = (list: (ImportRow & { id: string })[]) => [
      list.map((r) => r.id),
      list.map((r) => r.year),
      list.map((r) => r.code),
      list.map((r) => r.name),
      list.map((r) => r.kind),
      list.map((r) => r.organizationId),
      list.map((r) => r.budgetAmount),
      list.map((r) => r.isNew),
      list.map((r) => r.isMajor),
      list.map((r) => r.isCapitalConstruction),
      list.map((r) => r.isLivelihood),
      list.map((r) => r.publicAttention),
      list.map((r) => r.managementChainLevels),
      list.map((r) => r.lastYearExecutionRate),
      list.map((r) => r.inDisclosureScope),
      list.map((r) => r.startYear),
      list.map((r) => r.endYear),
    ];
    const unnest = `unnest($1::uuid[], $2::int[], $3::varchar[], $4::varchar[], $5::varchar[], $6::uuid[], $7::numeric[], $8::bool[], $9::bool[],
                           $10::bool[], $11::bool[], $12::varchar[], $13::int[], $14::numeric[], $15::bool[], $16::int[], $17::int[])`;
    // The projects it changes are locked first, in one order, before any insert or update moves an
    // organization's stored counts (lockProjectsInOrder).
    await lockProjectsInOrder(
      manager,
      toUpdate.map((r) => r.id),
    );
    for (let i = 0; i < toCreate.length; i += INSERT_CHUNK) {
      const chunk = toCreate.slice(i, i + INSERT_CHUNK);
      await manager.query(
        `INSERT INTO projects (id, year, code, name, kind, organization_id, budget_amount, is_new, is_major, is_capital_construction,
                               is_livelihood, public_attention, management_chain_levels, last_year_execution_rate, in_disclosure_scope,
                               start_year, end_year)
         SELECT * FROM ${unnest}`,
        columns(chunk),
      );
      await this.insertFundSources(manager, chunk);
    }
    for (let i = 0; i < toUpdate.length; i += INSERT_CHUNK) {
      const chunk = toUpdate.slice(i, i + INSERT_CHUNK);
      await manager.query(
        `UPDATE projects p SET name = v.name, kind = v.kind, budget_amount = v.budget_amount, is_new = v.is_new, is_major = v.is_major,
                is_capital_construction = v.is_capital_construction, is_livelihood = v.is_livelihood, public_attention = v.public_attention,
                management_chain_levels = v.management_chain_levels, last_year_execution_rate = v.last_year_execution_rate,
                in_disclosure_scope = v.in_disclosure_scope, start_year = v.start_year, end_year = v.end_year,
                version = p.version + 1, updated_at = now()
           FROM ${unnest} AS v(id, year, code, name, kind, organization_id, budget_amount, is_new, is_major, is_capital_construction,
                                is_livelihood, public_attention, management_chain_levels, last_year_execution_rate, in_disclosure_scope,
                                start_year, end_year)
          WHERE p.id = v.id`,
        columns(chunk),
      );
      await manager.query(`DELETE FROM project_fund_sources WHERE project_id = ANY($1::uuid[])`, [chunk.map((r) => r.id)]);
      await this.insertFundSources(manager, chunk);
    }
    return { rows: input.rows.length, created: toCreate.length, updated: toUpdate.length, unchanged };
  }

  private async insertFundSources(manager: EntityManager, rows: (ImportRow & { id: string })[]): Promise<void> {
    const ids: string[] = [];
    const sources: string[] = [];
    const amounts: string[] = [];
    for (const r of rows) {
      for (const f of r.fundSources) {
        ids.push(r.id);
        sources.push(f.source);
        amounts.push(f.amount);
      }
    }
    if (!ids.length) return;
    await manager.query(
      `INSERT INTO project_fund_sources (project_id, source, amount) SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::numeric[])`,
      [ids, sources, amounts],
    );
  }
}

/** A row as read: `ok` false when one of its cells was bad (some fields are then null). */
type ParsedRow = ImportRow & { ok: boolean; columns: Map<ProjectImportColumnKey, string> };

interface ExistingProject {
  id: string;
  year: number;
  code: string;
  name: string;
  kind: string;
  organizationId: string;
  budgetAmount: string;
  isNew: boolean;
  isMajor: boolean;
  isCapitalConstruction: boolean;
  isLivelihood: boolean;
  publicAttention: string;
  managementChainLevels: number | null;
  lastYearExecutionRate: string | null;
  inDisclosureScope: boolean;
  startYear: number | null;
  endYear: number | null;
  fundSources: FundSourceValue[];
}

function sameProject(prior: ExistingProject, row: ImportRow): boolean {
  const scalars: (keyof ImportRow & keyof ExistingProject)[] = [
    'name',
    'kind',
    'isNew',
    'isMajor',
    'isCapitalConstruction',
    'isLivelihood',
    'publicAttention',
    'managementChainLevels',
    'inDisclosureScope',
    'startYear',
    'endYear',
  ];
  if (scalars.some((k) => prior[k] !== row[k])) return false;
  if (normalizeMoney(prior.budgetAmount) !== row.budgetAmount) return false;
  if ((prior.lastYearExecutionRate === null ? null : normalizeMoney(prior.lastYearExecutionRate)) !== row.lastYearExecutionRate)
    return false;
  const a = normalizeFundSources(prior.fundSources);
  const b = row.fundSources;
  return a.length === b.length && a.every((f, i) => f.source === b[i].source && f.amount === b[i].amount);
}

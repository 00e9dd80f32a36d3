import { Injectable } from '@nestjs/common';
import { Workbook, type Worksheet } from 'exceljs';
import { KEY_BASIS_LABELS, KEY_PROJECT_LIST_STATUS_LABELS } from '@jixiao/contracts';
import { sumMoney, yuanToWan } from '@jixiao/domain';
import type { Principal } from '../../common/auth/principal';
import { DataScope } from '../../common/scope/data-scope.service';
import type { KeyProjectListDetailDto } from './dto/key-project-list.dto';
import { KeyProjectListsService } from './key-project-lists.service';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Attachment 2's columns (区级预算主管部门、镇重点项目清单), in order. */
export const EXPORT_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '部门/镇', width: 22 },
  { header: '项目编号', width: 16 },
  { header: '项目名称', width: 36 },
  { header: '实施单位', width: 24 },
  { header: '预算金额（万元）', width: 16 },
  { header: '纳入依据', width: 30 },
  { header: '纳入理由', width: 36 },
  { header: '上次部门重点评价年度', width: 12 },
  { header: '清单状态', width: 10 },
] as const;

const AMOUNT_COLUMN = 6;
const TITLE = (year: number) => `青浦区${year}年区级预算主管部门、镇重点项目清单`;

export interface ExportFile {
  filename: string;
  buffer: Buffer;
}

/**
 * R27 attachment 2 as a real .xlsx: a title row, the year and unit, the header, one row per key
 * project, a total. Amounts are converted to 万元 exactly from the decimal strings (BigInt inside);
 * only the finished two-decimal figure is written to the numeric cell.
 */
@Injectable()
export class KeyProjectListExporter {
  constructor(
    private readonly lists: KeyProjectListsService,
    private readonly scope: DataScope,
  ) {}

  async one(caller: Principal, id: string): Promise<ExportFile> {
    const list = await this.lists.get(caller, id);
    const buffer = await this.render(list.year, [list], `${list.organizationName}`);
    return { filename: `${list.year}-重点项目清单-${list.organizationName}.xlsx`, buffer };
  }

  /** The district's lists of the year, for the finance bureau. */
  async district(caller: Principal, requestedYear: number | undefined): Promise<ExportFile> {
    await this.scope.assertDistrictWide(caller);
    const { year, lists } = await this.lists.detailsForYear(caller, requestedYear);
    const buffer = await this.render(year, lists, '全区');
    return { filename: `${year}-重点项目清单-全区.xlsx`, buffer };
  }

  private async render(year: number, lists: KeyProjectListDetailDto[], scopeLabel: string): Promise<Buffer> {
    const wb = new Workbook();
    wb.creator = 'Jixiao';
    const ws = wb.addWorksheet('重点项目清单', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
    EXPORT_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));

    ws.mergeCells(1, 1, 1, EXPORT_COLUMNS.length);
    const title = ws.getCell(1, 1);
    title.value = TITLE(year);
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: 'center' };
    ws.mergeCells(2, 1, 2, EXPORT_COLUMNS.length);
    ws.getCell(2, 1).value = `年度：${year}  范围：${scopeLabel}  单位：万元`;

    const header = ws.getRow(3);
    EXPORT_COLUMNS.forEach((c, i) => (header.getCell(i + 1).value = c.header));
    header.font = { bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

    let n = 0;
    const all: string[] = [];
    for (const list of lists) {
      const status = KEY_PROJECT_LIST_STATUS_LABELS[list.status].zh;
      for (const item of list.items) {
        n += 1;
        all.push(item.budgetAmount);
        const row = ws.addRow([
          n,
          list.organizationName,
          item.code,
          item.name,
          item.projectOrganizationName,
          null,
          KEY_BASIS_LABELS[item.basis].zh,
          item.reason ?? '',
          item.lastKeyEvaluationYear ?? '',
          status,
        ]);
        this.amount(ws, row.number, yuanToWan(item.budgetAmount));
      }
      if (list.items.length === 0) {
        ws.addRow([
          '',
          list.organizationName,
          '',
          `（无重点项目${list.submitNote ? `：${list.submitNote}` : ''}）`,
          '',
          null,
          '',
          '',
          '',
          status,
        ]);
      }
    }
    const total = ws.addRow(['合计', '', '', `${n} 个项目`]);
    total.font = { bold: true };
    this.amount(ws, total.number, yuanToWan(sumMoney(all)));

    for (let r = 3; r <= ws.rowCount; r++) {
      ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
        cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      });
    }
    ws.views = [{ state: 'frozen', ySplit: 3 }];
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Writes an exact two-decimal 万元 figure into a numeric cell shown with two decimals. */
  private amount(ws: Worksheet, row: number, wan: string): void {
    const cell = ws.getCell(row, AMOUNT_COLUMN);
    cell.value = Number(wan);
    cell.numFmt = '#,##0.00';
  }
}

import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { PROJECT_IMPORT_COLUMNS, PROJECT_IMPORT_SHEET, permissionsOf } from '@jixiao/contracts';
import { loadConfig } from '../config/app-config';
import { createApp } from '../app.factory';
import type { Principal } from '../common/auth/principal';
import { ProjectExcelService } from '../modules/projects/project-excel.service';
import { createScratchDatabase } from '../database/scratch-database';

/**
 * `pnpm bench:import` (not a test): writes a 50,000-row import workbook, imports it through the real
 * ProjectExcelService on an embedded PGlite (and on DATABASE_URL when set, in a throwaway database),
 * then re-imports it (all unchanged), and prints rows per second and peak RSS (sampled every 25 ms)
 * of the API process and, for the embedded PGlite, of the database's own process.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const YEAR = 2022;
const ORG_CODES = [
  'QP-D02',
  'QP-D02-U01',
  'QP-D02-U02',
  'QP-D02-U03',
  'QP-D16',
  'QP-D16-U01',
  'QP-D16-U02',
  'QP-T04',
  'QP-T04-U01',
  'QP-D11',
  'QP-D12',
];

export async function writeWorkbook(path: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = writer.addWorksheet(PROJECT_IMPORT_SHEET);
  sheet.addRow(PROJECT_IMPORT_COLUMNS.map((c) => c.zh)).commit();
  const kinds = ['项目', '政策', '部门整体支出'];
  for (let i = 1; i <= ROWS; i++) {
    const cents = 10_000_00 + ((i * 7_919_13) % 900_000_000);
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const values: Record<string, unknown> = {
      year: YEAR,
      code: `BENCH-${String(i).padStart(6, '0')}`,
      name: `基准测试项目 ${i} 号（公共服务提升）`,
      kind: kinds[i % 3],
      organizationCode: ORG_CODES[i % ORG_CODES.length],
      budgetAmount: amount,
      general_budget: amount,
      isNew: i % 5 === 0 ? '是' : '否',
      isMajor: i % 7 === 0 ? '是' : '否',
      isCapitalConstruction: i % 11 === 0 ? '是' : '否',
      isLivelihood: i % 2 ? '是' : '否',
      publicAttention: ['高', '中', '低'][i % 3],
      managementChainLevels: 1 + (i % 4),
      lastYearExecutionRate: `${50 + (i % 50)}.25`,
      inDisclosureScope: i % 3 ? '是' : '否',
      startYear: 2020 + (i % 3),
      endYear: 2023 + (i % 3),
    };
    sheet.addRow(PROJECT_IMPORT_COLUMNS.map((c) => values[c.key] ?? null)).commit();
  }
  sheet.commit();
  await writer.commit();
}


async function run(label: string, databaseUrl: string, file: string): Promise<void> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: 'memory://',
    DEMO_DATA: 'true',
    WEB_DIST: '/nonexistent',
  });
  const running = await createApp(config);
  try {
    const dataSource = running.app.get(DataSource);
    const [finance] = await dataSource.query(
      `SELECT u.id, u.display_name AS name, u.organization_id AS "organizationId" FROM users u WHERE u.username = 'finance'`,
    );
    const principal: Principal = {
      kind: 'user',
      id: finance.id,
      name: finance.name,
      roles: ['finance'],
      permissions: new Set(permissionsOf(['finance'])),
      organizationId: finance.organizationId,
      dataScope: 'all',
      readOnly: false,
    };
    const excel = running.app.get(ProjectExcelService);
    const dbPid = running.embeddedPid;
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    console.log(
      `[${label}] RSS with the app started, before importing: API ${mb(process.memoryUsage().rss)} MB` +
        (dbPid ? `, embedded database process ${mb(rssOf(dbPid))} MB` : ''),
    );
    for (const pass of ['first import', 're-import (unchanged)']) {
      global.gc?.();
      let peak = process.memoryUsage().rss;
      let dbPeak = dbPid ? rssOf(dbPid) : 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
        if (dbPid) dbPeak = Math.max(dbPeak, rssOf(dbPid));
      }, 25);
      const started = process.hrtime.bigint();
      const result = await excel.importFile(principal, file, 'bench.xlsx');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      console.log(
        `[${label}] ${pass}: ${result.rows} rows (created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}) ` +
          `in ${seconds.toFixed(2)} s = ${Math.round(result.rows / seconds)} rows/s, peak RSS of the API ${mb(peak)} MB` +
          (dbPid ? `, of the embedded database process ${mb(dbPeak)} MB` : ''),
      );
    }
  } finally {
    await running.close();
  }
}

/** Resident memory of another process (Linux), in bytes; 0 once it is gone. */
function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Each database is measured in its own process, so one run's memory does not count against the next. */
function child(file: string, label: string, databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', __filename, '--child', file, label], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
    });
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${label} run failed with exit code ${code}`))));
  });
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    await run(process.argv[4], process.env.BENCH_DATABASE_URL ?? '', process.argv[3]);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const file = join(dir, 'projects-50k.xlsx');
  try {
    const started = Date.now();
    await writeWorkbook(file);
    console.log(
      `Generated ${ROWS} rows (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s on ${cpus().length} CPU(s)`,
    );
    await child(file, 'embedded PGlite', '');
    if (process.env.DATABASE_URL) {
      const db = await createScratchDatabase(process.env.DATABASE_URL, 'jixiao_bench');
      try {
        await child(file, 'PostgreSQL', db.url);
      } finally {
        await db.drop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

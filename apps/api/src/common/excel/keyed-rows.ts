import { cellText, columnLetter } from './cells';
import type { ImportErrorCollector } from './import-error-collector';
import type { SheetInfo, SheetRow } from './xlsx-reader';

/** A column of an import template: its key, its header in Chinese and English, whether it must be there. */
export interface ImportColumn<K extends string> {
  key: K;
  zh: string;
  en: string;
  required: boolean;
}

/** A data row of an import sheet, its cells by column key (the first column of a key wins), and each key's column letter. */
export interface KeyedRow<K extends string> {
  number: number;
  raw: Map<K, unknown>;
  letterOf: Map<K, string>;
}

/**
 * The rows of an import sheet under a header row: reads the headers (`byHeader` maps a header's
 * text to its key), reports every missing required column on the header row and then stops, and
 * yields each non-empty data row keyed by column. One reading of the header for every import.
 */
export async function* keyedRows<K extends string>(
  rows: AsyncIterable<SheetRow>,
  sheet: SheetInfo,
  columns: readonly ImportColumn<K>[],
  byHeader: ReadonlyMap<string, K>,
  errors: ImportErrorCollector,
  /** Filled with each key's column letter once the header is read (pass one to keep it after the rows). */
  letterOf: Map<K, string> = new Map(),
): AsyncGenerator<KeyedRow<K>> {
  let header: (K | undefined)[] | null = null;
  for await (const row of rows) {
    const values = row.values as unknown[];
    if (!header) {
      header = values.map((v) => byHeader.get(cellText(v)));
      const present = new Set(header.filter(Boolean));
      for (const c of columns) {
        if (c.required && !present.has(c.key)) {
          errors.cell(
            sheet.name,
            row.number,
            'A',
            'missingColumn',
            `缺少必填列“${c.zh}”`,
            `Required column "${c.en}" (${c.zh}) is missing`,
          );
        }
      }
      if (errors.hasErrors) return;
      header.forEach((key, i) => {
        if (key && !letterOf.has(key)) letterOf.set(key, columnLetter(i));
      });
      continue;
    }
    const raw = new Map<K, unknown>();
    let empty = true;
    for (let i = 0; i < header.length; i++) {
      const key = header[i];
      if (!key || raw.has(key)) continue;
      if (cellText(values[i]) !== '') empty = false;
      raw.set(key, values[i]);
    }
    if (!empty) yield { number: row.number, raw, letterOf };
  }
}

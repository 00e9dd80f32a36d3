import type { FieldError } from '@jixiao/contracts';
import type { AppError, ErrorFactory } from '../errors/app-error';
import { columnNumber } from './xlsx-reader';

/** A bad cell of an import, reported as `sheet!A12` with its sheet, row and column. */
export type CellError = FieldError & { sheet: string; row: number; column: string };

/**
 * Collects the cell errors of an import with bounded memory: every error is counted, but only the
 * first `max` by position (sheet order of first report, row, column) are kept, whatever order they
 * are found in (a max-heap of `max` entries).
 */
export class ImportErrorCollector {
  private readonly heap: { key: [number, number, number, number]; error: CellError }[] = [];
  private readonly sheetOrder = new Map<string, number>();
  private seq = 0;
  /** How many errors were reported in all. */
  count = 0;

  constructor(readonly max: number) {}

  get hasErrors(): boolean {
    return this.count > 0;
  }

  /** Reports a bad cell: `code` is the machine-readable reason, `zh` / `en` the message. */
  cell(sheet: string, row: number, column: string, code: string, zh: string, en: string): void {
    this.add({ field: `${sheet}!${column}${row}`, sheet, row, column, code, message: zh, messageEn: en });
  }

  add(error: CellError): void {
    this.count++;
    if (!this.sheetOrder.has(error.sheet)) this.sheetOrder.set(error.sheet, this.sheetOrder.size);
    const entry = {
      key: [this.sheetOrder.get(error.sheet)!, error.row, columnNumber(error.column), this.seq++] as [number, number, number, number],
      error,
    };
    const heap = this.heap;
    if (heap.length < this.max) {
      heap.push(entry);
      this.up(heap.length - 1);
    } else if (this.max > 0 && before(entry.key, heap[0].key)) {
      heap[0] = entry;
      this.down(0);
    }
  }

  /** The kept errors in sheet, row, column order. */
  get errors(): CellError[] {
    return [...this.heap].sort((a, b) => (before(a.key, b.key) ? -1 : 1)).map((e) => e.error);
  }

  /** The refusal: the kept errors and `errorCount` (all of them), `errorsListed`, and the `maxErrors` limit. */
  toError(factory: ErrorFactory): AppError {
    return factory({
      errors: this.errors,
      extra: { errorCount: this.count, errorsListed: this.heap.length, maxErrors: this.max },
    });
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[parent].key, heap[i].key)) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < heap.length && before(heap[largest].key, heap[l].key)) largest = l;
      if (r < heap.length && before(heap[largest].key, heap[r].key)) largest = r;
      if (largest === i) return;
      [heap[largest], heap[i]] = [heap[i], heap[largest]];
      i = largest;
    }
  }
}

function before(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How long the bound stays on after the last bounded work ends: a burst of exports pays one collection, not one each. */
export const HEAP_BOUND_LINGER_MS = 30_000;

/** What the bound does to V8: set its growing factor (`0` = V8's own) and run a full collection. */
export interface HeapControls {
  setGrowingPercent(percent: number): void;
  collect(): void;
}

/** The process's V8: `--heap-growing-percent`, read at every full collection, and `gc()` from a context made after `--expose-gc`. */
export function v8Controls(): HeapControls {
  let gc: (() => void) | null = null;
  return {
    setGrowingPercent: (percent) => setFlagsFromString(`--heap-growing-percent=${percent}`),
    collect: () => {
      if (!gc) {
        setFlagsFromString('--expose-gc');
        gc = runInNewContext('gc') as () => void;
      }
      gc();
    },
  };
}

/** V8's heap growing factor, in percent over the live heap (`0`: V8's own factor, up to 4×). */
export interface HeapGrowing {
  /** Ordinarily (HEAP_GROWING_PERCENT). */
  base: number;
  /** While an export or import runs (BULK_HEAP_GROWING_PERCENT). */
  bulk: number;
}

/**
 * Keeps the API's memory bounded while work that reads an unbounded number of rows runs — an
 * export, an import — and out of the way of everything else.
 *
 * A long export allocates steadily and promotes a little of every batch to the old generation,
 * which V8 lets grow to about four times what its last full collection left live (a 1,000,000-row
 * export: RSS ~380 MB). Bounded to `bulk` percent over the live heap (20) it stays under 200 MB;
 * but that bound all the time makes full collections frequent under ordinary reads (one
 * connection's p99 on a city year's trackings: 25–26 ms against 17–18 at 100 %). So ordinarily the
 * heap may grow `base` percent (100: half the full collections of V8's own factor under load, RSS
 * ~245 MB instead of 315–370), and `bulk` applies only while bounded work runs: the first `enter`
 * sets it and runs one full collection (the limit computed under the base factor would otherwise
 * hold until the next one: an export from an idle API peaked at 323 MB); the base returns
 * HEAP_BOUND_LINGER_MS after the last `release`. A `bulk` of 0 turns the bound off.
 */
export class HeapBound {
  private active = 0;
  /** The pending return to the base factor, once the last bounded work ended. */
  private lift: NodeJS.Timeout | null = null;

  constructor(
    private readonly growing: HeapGrowing,
    private readonly controls: HeapControls,
    private readonly lingerMs = HEAP_BOUND_LINGER_MS,
  ) {}

  /** Sets the ordinary factor (at start). */
  start(): this {
    if (this.growing.base > 0) this.controls.setGrowingPercent(this.growing.base);
    return this;
  }

  /** Bounds the heap until the returned release is called (once; further calls do nothing). */
  enter(): () => void {
    if (this.growing.bulk <= 0) return () => undefined;
    if (!this.bounded) {
      this.controls.setGrowingPercent(this.growing.bulk);
      this.controls.collect();
    }
    this.active++;
    if (this.lift) {
      clearTimeout(this.lift);
      this.lift = null;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.active > 0) return;
      this.lift = setTimeout(() => {
        this.lift = null;
        this.controls.setGrowingPercent(this.growing.base);
      }, this.lingerMs);
      this.lift.unref();
    };
  }

  /** Runs `work` with the heap bounded. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    const release = this.enter();
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Whether the bound is on now: bounded work runs, or ended less than the linger ago. */
  get bounded(): boolean {
    return this.active > 0 || this.lift !== null;
  }
}

let processBound = new HeapBound({ base: 0, bulk: 0 }, v8Controls());

/** The process's bound (set once at start from the configuration; off until then, as in tests). */
export function heapBound(): HeapBound {
  return processBound;
}

/** Sets the process's factors (main.ts, from HEAP_GROWING_PERCENT and BULK_HEAP_GROWING_PERCENT). */
export function configureHeapBound(
  growing: HeapGrowing,
  controls: HeapControls = v8Controls(),
  lingerMs = HEAP_BOUND_LINGER_MS,
): HeapBound {
  processBound = new HeapBound(growing, controls, lingerMs).start();
  return processBound;
}

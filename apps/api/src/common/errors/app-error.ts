import type { FieldError } from '@jixiao/contracts';

export interface ErrorDefinition {
  status: number;
  zh: string;
  en: string;
}

/** A coded error: the one kind of exception services throw; the problem filter renders it. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fieldErrors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${messageEn}`);
  }
}

export type ErrorFactory = (options?: {
  errors?: FieldError[];
  extra?: Record<string, unknown>;
  detail?: string;
  /** Values for `{name}` placeholders in the zh and en messages (e.g. a configured limit). */
  params?: Record<string, string | number>;
}) => AppError;

function fill(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

/**
 * Declares a module's error codes once; each becomes a factory. The code is the key, so a
 * code's meaning is written in one place.
 */
export function defineErrors<K extends string>(defs: Record<K, ErrorDefinition>): Record<K, ErrorFactory> & { codes: K[] } {
  const factories = {} as Record<K, ErrorFactory>;
  for (const code of Object.keys(defs) as K[]) {
    const def = defs[code];
    factories[code] = (options = {}) =>
      new AppError(
        code,
        def.status,
        fill(def.zh, options.params),
        options.detail ? `${fill(def.en, options.params)}: ${options.detail}` : fill(def.en, options.params),
        options.errors ?? [],
        options.extra ?? {},
      );
  }
  return Object.assign(factories, { codes: Object.keys(defs) as K[] });
}

export function fieldError(field: string, code: string, zh: string, en: string): FieldError {
  return { field, code, message: zh, messageEn: en };
}

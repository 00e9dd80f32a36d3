import { formatMoneyDisplay, isMoney, yuanToWan } from '@jixiao/domain';
import { currentLocale, t } from '@/locales';

/**
 * THE amount formatter of the SPA: every amount a page shows goes through it, so '6000000.00'
 * reads '6,000,000.00 元' on the target header, the list and the printed form alike.
 * `unit: 'wan'` shows 万元 (exact, half-up to two decimals) where the seed's forms use it.
 */
export type AmountUnit = 'yuan' | 'wan';

export interface AmountFormatOptions {
  unit?: AmountUnit;
  /** Append the unit ('元' / '万元'); default true. Tables whose header names the unit pass false. */
  withUnit?: boolean;
}

export function formatAmount(amount: string | null | undefined, options: AmountFormatOptions = {}): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  if (!isMoney(amount, { allowNegative: true })) return amount;
  const unit = options.unit ?? 'yuan';
  const value = unit === 'wan' ? yuanToWan(amount) : amount;
  const text = formatMoneyDisplay(value, currentLocale());
  return options.withUnit === false ? text : `${text} ${amountUnitLabel(unit)}`;
}

/** '元' / 'yuan', '万元' / '10k yuan'. */
export function amountUnitLabel(unit: AmountUnit = 'yuan'): string {
  return unit === 'wan' ? t('common.unitWan') : t('common.unitYuan');
}

/**
 * The form rule for a money field bound to `<money-input>`: the model must be an exact amount
 * (the input has already read separators and units). `required` adds the empty check.
 */
export function moneyRule(options: { required?: boolean; allowNegative?: boolean } = {}) {
  return {
    trigger: 'blur',
    validator: (_rule: unknown, value: unknown, callback: (error?: Error) => void) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (text === '') return callback(options.required ? new Error(t('common.required')) : undefined);
      callback(isMoney(text, { allowNegative: options.allowNegative }) ? undefined : new Error(t('common.amountInvalid')));
    },
  };
}

/** Units whose indicator values are amounts: shown with separators, as every amount is. */
export const MONEY_UNITS: readonly string[] = ['元', '万元'];

/** An indicator's value as shown: an amount (unit 元 / 万元) grouped, anything else as written. */
export function indicatorValueText(value: string | null | undefined, unit: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return unit && MONEY_UNITS.includes(unit) && isMoney(value) ? formatAmount(value, { withUnit: false }) : value;
}

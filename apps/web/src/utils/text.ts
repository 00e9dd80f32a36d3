import { t } from '@/locales';

/**
 * Punctuation that differs between the languages, so code never glues Chinese punctuation into
 * English pages: 'A、B' / 'A, B'; '意见：…' / 'Comment: …'; '张三（区教育局）' / 'Zhang (Education)'.
 */
export const joinList = (items: readonly string[]): string => items.join(t('shell.listSeparator'));
export const labelled = (label: string, value: string | number): string => t('shell.labelled', { label, value });
export const parenthesized = (text: string, note: string | number): string => t('shell.parenthesized', { text, note });

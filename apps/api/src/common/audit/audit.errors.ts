import { defineErrors } from '../errors/app-error';

/** Errors of the audit log's own machinery. */
export const AuditErrors = defineErrors({
  RATE_LIMITED: {
    status: 429,
    zh: '被拒绝的请求过多，请稍后再试',
    en: 'Too many refused requests; try again later',
  },
});

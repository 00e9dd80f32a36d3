import { unwrap, type AuditLogQuery } from '@jixiao/api-client';
import { api } from './http';

export const auditLogsApi = {
  list: (query: AuditLogQuery) => unwrap(api.GET('/api/v1/audit-logs', { params: { query } })),
};

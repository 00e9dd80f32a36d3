import { defineErrors } from '../errors/app-error';

export const BulkErrors = defineErrors({
  BULK_TOO_MANY: {
    status: 413,
    zh: '一次最多处理 {max} 条记录，请分批操作',
    en: 'At most {max} rows can be acted on in one request; split the batch',
  },
});

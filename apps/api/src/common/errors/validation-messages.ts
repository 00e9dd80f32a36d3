import type { ValidationError } from 'class-validator';
import type { FieldError } from '@jixiao/contracts';

/** Chinese wording for class-validator constraints; the English is class-validator's own. */
const ZH: Record<string, (args: string[]) => string> = {
  whitelistValidation: () => '不允许的字段',
  isString: () => '必须是字符串',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isBoolean: () => '必须是布尔值',
  isUuid: () => '必须是有效的 UUID',
  isUUID: () => '必须是有效的 UUID',
  isEnum: () => '取值不在允许范围内',
  isIn: () => '取值不在允许范围内',
  isNotEmpty: () => '不能为空',
  isDefined: () => '必填',
  maxLength: () => '长度超出上限',
  minLength: () => '长度不足',
  min: () => '小于允许的最小值',
  max: () => '大于允许的最大值',
  isArray: () => '必须是数组',
  arrayMaxSize: () => '数组元素过多',
  arrayMinSize: () => '数组元素不足',
  arrayUnique: () => '数组元素不能重复',
  isDateString: () => '必须是有效的日期',
  isISO8601: () => '必须是有效的日期',
  isObject: () => '必须是对象',
  matches: () => '格式不正确',
  isMoney: () => '必须是最多两位小数的金额字符串',
  isMonthDay: () => '必须是 MM-DD 格式的日期',
  isCalendarDate: () => '必须是 YYYY-MM-DD 格式的有效日期',
  isCreditCode: () => '必须是 18 位统一社会信用代码且校验码正确',
  isEmail: () => '必须是有效的电子邮箱地址',
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, en] of Object.entries(error.constraints ?? {})) {
      out.push({ field, code: constraint, message: (ZH[constraint] ?? (() => '格式不正确'))([]), messageEn: en });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

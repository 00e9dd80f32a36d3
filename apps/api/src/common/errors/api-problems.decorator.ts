import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: '输入不合法（含字段错误）/ invalid input, with field errors',
  404: '不存在或不在数据范围内 / not found or outside your scope',
  409: '版本冲突或重复 / version conflict or duplicate',
  413: '请求体过大 / body too large',
  423: '账户锁定 / account locked',
  429: '请求过多或同时进行的导入过多 / too many requests, or too many imports at a time',
};

/** Documents a route's error answers as problem+json bodies. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'problem', type: ProblemDto }),
    ),
  );
}

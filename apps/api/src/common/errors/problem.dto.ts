import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'budgetAmount' })
  field: string;
  @ApiProperty({ example: 'isMoney' })
  code: string;
  @ApiProperty({ example: '必须是最多两位小数的金额字符串' })
  message: string;
  @ApiProperty({ example: 'budgetAmount must be a decimal string with at most two decimals' })
  messageEn: string;
}

/** The `application/problem+json` body of every error. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:jixiao:problem:validation-failed' })
  type: string;
  @ApiProperty({ example: 'The request data is invalid' })
  title: string;
  @ApiProperty({ example: 400 })
  status: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: '稳定的错误码 / stable error code' })
  code: string;
  @ApiProperty({ example: '提交的数据不符合要求' })
  message: string;
  @ApiProperty({ example: 'The request data is invalid' })
  messageEn: string;
  @ApiPropertyOptional()
  instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AGENCY_LIMITS as L,
  AGENCY_STATE_ACTIONS,
  AGENCY_STATES,
  AGENCY_TIE_KINDS,
  type AgencyState,
  type AgencyStateAction,
  type AgencyTieKind,
} from '@jixiao/contracts';
import { GRADES, type Grade } from '@jixiao/domain';
import { ListQueryDto } from '../../../common/list/list-query.dto';
import { IsCalendarDate } from '../../../common/validation/is-calendar-date.decorator';
import { IsCreditCode } from './is-credit-code.decorator';

const STATES = AGENCY_STATES.map((s) => s.value);
const ACTIONS = AGENCY_STATE_ACTIONS.map((a) => a.value);
const TIE_KINDS = AGENCY_TIE_KINDS.map((k) => k.value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const emptyToNull = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? null : trimmed({ value }));

// ---------------------------------------------------------------------------------------------
// Parts of an entry
// ---------------------------------------------------------------------------------------------

export class QualificationDto {
  @ApiProperty({ example: '会计师事务所执业证书', maxLength: L.qualificationName })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.qualificationName)
  name: string;

  @ApiProperty({ example: '31000123', maxLength: L.qualificationNumber, description: '证书编号 / certificate number' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.qualificationNumber)
  number: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2025-12-31',
    description: '有效期至（含当日），空为长期有效 / valid through; empty: does not expire',
  })
  @IsOptional()
  @IsCalendarDate()
  validUntil?: string | null;
}

export class QualificationViewDto {
  @ApiProperty({ example: '会计师事务所执业证书' })
  name: string;
  @ApiProperty({ example: '31000123' })
  number: string;
  @ApiProperty({ type: String, nullable: true, example: '2025-12-31' })
  validUntil: string | null;

  @ApiProperty({ description: '今天（上海）是否仍在有效期内 / still valid today (Asia/Shanghai)' })
  valid: boolean;
}

export class ContactDto {
  @ApiProperty({ example: '王敏', maxLength: L.contactName })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.contactName)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '021-59720000', maxLength: L.phone })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(L.phone)
  @Matches(/^[0-9+\-() ]{3,32}$/, { message: 'phone must be digits, spaces, +, - or parentheses' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'wangmin@example.com', maxLength: L.email })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(L.email)
  @IsEmail()
  email?: string | null;
}

export class ContactViewDto {
  @ApiProperty({ example: '王敏' })
  name: string;
  @ApiProperty({ type: String, nullable: true })
  phone: string | null;
  @ApiProperty({ type: String, nullable: true })
  email: string | null;
}

export class AgencyViolationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: '2021-09-15', description: '发生或认定日期 / when it happened or was decided' })
  date: string;
  @ApiProperty({ example: '评价报告数据来源未核实，结论依据不足' })
  description: string;
  @ApiProperty({ example: '青浦区财政局', description: '认定机关或来源 / the authority or source' })
  authority: string;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      '是否在当年政策参数的回溯年限内（N8，今天为止）；政策参数未设年限时为空 / within the working year’s look-back years (N8, up to today); null when the profile sets none',
  })
  withinLookBack: boolean | null;
  @ApiProperty({ type: String, nullable: true })
  recordedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class AgencyTieDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: TIE_KINDS, enumName: 'AgencyTieKind' })
  kind: AgencyTieKind;
  @ApiProperty({ format: 'uuid', description: '关联的机构 / the organization the agency is tied to' })
  tiedOrganizationId: string;
  @ApiProperty({ example: 'QP-D10' })
  tiedOrganizationCode: string;
  @ApiProperty({ example: '区建设和管理委员会' })
  tiedOrganizationName: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'QP2021-D10-003',
    description: '关联的项目编码（跨年度）/ the project code, across years',
  })
  projectCode: string | null;
  @ApiProperty({ example: '曾承担该项目可行性研究报告编制' })
  description: string;
  @ApiProperty({ example: '2022-03-01', description: '申报日期 / declared on' })
  declaredOn: string;
  @ApiProperty({ type: String, nullable: true })
  recordedByName: string | null;
}

export class AgencyGradeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 2021 })
  year: number;
  @ApiProperty({ example: 'QPCZ-PJ-2021-007', description: '评价项目编号 / the evaluation reference' })
  evaluationReference: string;
  @ApiProperty({ enum: GRADES, enumName: 'Grade' })
  grade: Grade;
  @ApiProperty({ type: String, nullable: true })
  comment: string | null;
  @ApiProperty({ type: String, nullable: true })
  gradedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  gradedAt: string;
}

// ---------------------------------------------------------------------------------------------
// The entry
// ---------------------------------------------------------------------------------------------

export class AgencyDto {
  @ApiProperty({ format: 'uuid', description: '即该机构的组织机构 id / the agency’s organization id' })
  id: string;
  @ApiProperty({ example: 'QP-A01', description: '机构编码 / organization code' })
  code: string;
  @ApiProperty({ example: '上海青信会计师事务所（演示）' })
  name: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '91310118MA1JL0A1XA',
    description:
      '统一社会信用代码；在机构管理中新建、尚未登记的为空 / unified social credit code; null until recorded for an agency made on the organizations page',
  })
  creditCode: string | null;
  @ApiProperty({ enum: STATES, enumName: 'AgencyState' })
  state: AgencyState;
  @ApiProperty({ type: String, nullable: true, description: '最近一次状态变更的理由 / reason of the last state change' })
  stateReason: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2022-05-10', description: '最近一次状态变更日期 / date of the last state change' })
  stateChangedOn: string | null;
  @ApiProperty({ description: '资质数（其中有效的见 validQualificationCount）/ qualifications held' })
  qualificationCount: number;
  @ApiProperty({ description: '今天仍有效的资质数 / qualifications valid today' })
  validQualificationCount: number;
  @ApiProperty({ description: '违规记录数 / violations recorded' })
  violationCount: number;
  @ApiProperty({ type: String, nullable: true, example: '2021-09-15', description: '最近一次违规日期 / date of the latest violation' })
  lastViolationOn: string | null;
  @ApiProperty({
    description:
      '申报的关联关系数（部门、镇街只计与本单位数据范围内机构的关联）/ declared ties (a department or town counts only those with organizations in its scope)',
  })
  tieCount: number;
  @ApiProperty({ enum: GRADES, enumName: 'Grade', nullable: true, description: '最近一次委托业务质量评定 / the latest commission grade' })
  lastGrade: Grade | null;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class AgencyDetailDto extends AgencyDto {
  @ApiProperty({ type: String, nullable: true })
  stateChangedByName: string | null;
  @ApiProperty({ type: [QualificationViewDto] })
  qualifications: QualificationViewDto[];
  @ApiProperty({ type: [ContactViewDto] })
  contacts: ContactViewDto[];
  @ApiProperty({ type: [AgencyViolationDto], description: '按日期倒序 / latest first' })
  violations: AgencyViolationDto[];
  @ApiProperty({
    type: [AgencyTieDto],
    description:
      '申报的关联关系；部门、镇街只见与本单位数据范围内机构的关联 / declared ties; a department or town sees those with organizations in its scope',
  })
  ties: AgencyTieDto[];
  @ApiProperty({ type: [AgencyGradeDto], description: '按年度倒序 / latest year first' })
  grades: AgencyGradeDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '当前工作年度政策参数的违规回溯年限（N8）/ the working year’s violation look-back years (N8)',
  })
  violationLookBackYears: number | null;
  @ApiProperty({
    type: [String],
    enum: ACTIONS,
    description: '当前调用者现在可执行的状态变更 / the state changes this caller may make now',
  })
  actions: AgencyStateAction[];
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

class AgencyProfileFields {
  @ApiPropertyOptional({ type: [QualificationDto], maxItems: L.qualifications })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.qualifications)
  @ValidateNested({ each: true })
  @Type(() => QualificationDto)
  qualifications?: QualificationDto[];

  @ApiPropertyOptional({ type: [ContactDto], maxItems: L.contacts })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.contacts)
  @ValidateNested({ each: true })
  @Type(() => ContactDto)
  contacts?: ContactDto[];
}

export class CreateAgencyDto extends AgencyProfileFields {
  @ApiProperty({
    example: 'QP-A09',
    maxLength: L.code,
    description: '机构编码：字母、数字、短横线 / organization code: letters, digits, dashes',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
  code: string;

  @ApiProperty({ example: '上海浦江绩效评价咨询有限公司', maxLength: L.name })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.name)
  name: string;

  @ApiProperty({
    example: '91310118MA1JL0D4PU',
    maxLength: L.creditCode,
    description: '统一社会信用代码（18 位，含校验码）/ unified social credit code (18 characters with its check character)',
  })
  @Transform(upper)
  @IsString()
  @MaxLength(L.creditCode)
  @IsCreditCode()
  creditCode: string;
}

export class UpdateAgencyDto extends AgencyProfileFields {
  @ApiProperty({ description: '读取时的版本号，用于并发控制 / the version you read, for optimistic locking', example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: '上海浦江绩效评价咨询有限公司', maxLength: L.name })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.name)
  name?: string;

  @ApiPropertyOptional({ example: '91310118MA1JL0D4PU', maxLength: L.creditCode })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @MaxLength(L.creditCode)
  @IsCreditCode()
  creditCode?: string;
}

export class ChangeAgencyStateDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ enum: ACTIONS, enumName: 'AgencyStateAction', example: 'suspend' })
  @IsIn(ACTIONS)
  action: AgencyStateAction;

  @ApiProperty({ example: '评价报告质量问题，暂停委托待整改', maxLength: L.reason })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.reason)
  reason: string;
}

export class CreateAgencyViolationDto {
  @ApiProperty({ example: '2021-09-15' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: '评价报告数据来源未核实，结论依据不足', maxLength: L.violationDescription })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.violationDescription)
  description: string;

  @ApiProperty({ example: '青浦区财政局', maxLength: L.authority, description: '认定机关或来源 / the authority or source' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.authority)
  authority: string;
}

export class CreateAgencyTieDto {
  @ApiProperty({ enum: TIE_KINDS, enumName: 'AgencyTieKind', example: 'staff' })
  @IsIn(TIE_KINDS)
  kind: AgencyTieKind;

  @ApiProperty({
    format: 'uuid',
    description: '关联的机构（财政局、部门、单位或镇街）/ the tied organization (bureau, department, unit or town)',
  })
  @IsUUID()
  tiedOrganizationId: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'QP2021-D10-003', maxLength: L.projectCode })
  @IsOptional()
  @Transform(emptyToNull)
  @IsString()
  @MaxLength(L.projectCode)
  projectCode?: string | null;

  @ApiProperty({ example: '机构合伙人曾任该部门财务科科长（2019 年离任）', maxLength: L.tieDescription })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(L.tieDescription)
  description: string;

  @ApiProperty({ example: '2022-03-01', description: '申报日期 / declared on' })
  @IsCalendarDate()
  declaredOn: string;
}

export class AgencyListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: STATES, enumName: 'AgencyState' })
  @IsOptional()
  @IsIn(STATES)
  state?: AgencyState;

  @ApiPropertyOptional({ description: '按名称、编码或统一社会信用代码搜索 / search name, code or credit code', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ViolationParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  violationId: string;
}

export class TieParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  tieId: string;
}

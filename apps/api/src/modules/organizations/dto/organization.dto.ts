import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { ORGANIZATION_KINDS, ORGANIZATION_OPTIONS_LIMIT, OrganizationKind, Sector, SECTORS } from '@jixiao/contracts';
import { ListQueryDto } from '../../../common/list/list-query.dto';

const KINDS = ORGANIZATION_KINDS.map((k) => k.value);
const SECTOR_VALUES = SECTORS.map((s) => s.value);

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'QP-EDU' })
  code: string;
  @ApiProperty({ example: '区教育局' })
  name: string;
  @ApiProperty({ enum: KINDS, enumName: 'OrganizationKind' })
  kind: OrganizationKind;
  @ApiProperty({ enum: SECTOR_VALUES, enumName: 'Sector', nullable: true, type: String })
  sector: Sector | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId: string | null;
  @ApiProperty()
  active: boolean;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;
}

export class OrganizationNodeDto extends OrganizationDto {
  @ApiProperty({ type: () => [OrganizationNodeDto] })
  children: OrganizationNodeDto[];
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'QP-EDU-U9', maxLength: 64, description: '字母、数字、短横线 / letters, digits, dashes' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
  code: string;

  @ApiProperty({ example: '青浦区示范小学', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: KINDS, enumName: 'OrganizationKind', example: 'unit' })
  @IsIn(KINDS)
  kind: OrganizationKind;

  @ApiPropertyOptional({ enum: SECTOR_VALUES, enumName: 'Sector', nullable: true, type: String })
  @IsOptional()
  @IsIn(SECTOR_VALUES)
  sector?: Sector | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

export class UpdateOrganizationDto extends PartialType(PickType(CreateOrganizationDto, ['name', 'sector'] as const)) {
  @ApiProperty({ description: '读取时的版本号，用于并发控制 / the version you read, for optimistic locking', example: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class OrganizationListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: KINDS, enumName: 'OrganizationKind' })
  @IsOptional()
  @IsIn(KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: '按名称或编码搜索 / search name or code', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class OrganizationOptionsQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      '列出此机构的下级；省略时为调用者可见的最上层机构 / the children of this organization; omitted: the top of what the caller sees',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({
    description: `按名称或编码搜索调用者可见的全部机构（最多 ${ORGANIZATION_OPTIONS_LIMIT} 条，按编码） / search every organization the caller sees by name or code (at most ${ORGANIZATION_OPTIONS_LIMIT}, in code order)`,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** An organization as a picker shows it: one level at a time (`leaf`: nothing below it the caller sees). */
export class OrganizationOptionDto extends PickType(OrganizationDto, ['id', 'code', 'name', 'kind', 'parentId', 'active'] as const) {
  @ApiProperty({ description: '调用者可见的下级机构为空 / no organization below it the caller sees' })
  leaf: boolean;
}

import { ApiProperty } from '@nestjs/swagger';
import { ALL_PERMISSIONS, DataScopeKind, OrganizationKind, Permission, Role, ROLES, SECTORS, ORGANIZATION_KINDS } from '@jixiao/contracts';

export class MeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'finance' })
  username: string;

  @ApiProperty({ example: '财政局演示用户' })
  displayName: string;

  @ApiProperty({ format: 'uuid' })
  organizationId: string;

  @ApiProperty({ example: '青浦区财政局' })
  organizationName: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS.map((k) => k.value), enumName: 'OrganizationKind' })
  organizationKind: OrganizationKind;

  @ApiProperty({ enum: SECTORS.map((s) => s.value), enumName: 'Sector', nullable: true, type: String })
  sector: string | null;

  @ApiProperty({ enum: ROLES.map((r) => r.value), enumName: 'Role', isArray: true })
  roles: Role[];

  @ApiProperty({ enum: ALL_PERMISSIONS, enumName: 'Permission', isArray: true })
  permissions: Permission[];

  @ApiProperty({ enum: ['all', 'subtree', 'own', 'assigned'], enumName: 'DataScopeKind' })
  dataScope: DataScopeKind;

  @ApiProperty()
  mustChangePassword: boolean;

  @ApiProperty({ description: '已启用双因素认证 / two-factor authentication is on' })
  mfaEnabled: boolean;

  @ApiProperty({ description: '须先启用双因素认证 / two-factor enrolment is due before anything else' })
  mfaEnrolmentRequired: boolean;
}

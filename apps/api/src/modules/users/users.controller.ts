import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller, ReadsOne } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import { UserEntity } from './entities/user.entity';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserDto, UserListQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

const owned = { kind: 'owner', entity: UserEntity } as const;

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Authorize(Permission.UserRead, { kind: 'list' })
  @Get()
  @ApiOperation({
    summary: '用户列表 / List users',
    description: '分页列出调用者数据范围内的用户。 / Pages through the users in the caller’s data scope.',
  })
  @ApiOkResponse({ type: PageOf(UserDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: UserListQueryDto) {
    return this.users.list(caller, query);
  }

  @Authorize(Permission.UserRead, owned)
  @Get(':id')
  @ReadsOne()
  @ApiOperation({ summary: '用户详情 / Get a user', description: '返回一个用户及其角色。 / Returns one user with their roles.' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  get(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<UserDto> {
    return this.users.get(caller, id);
  }

  @Authorize(Permission.UserManage, { kind: 'create' })
  @Post()
  @ApiOperation({
    summary: '新建用户 / Create a user',
    description:
      '新建用户并设定角色、机构和初始密码；首次登录须修改初始密码。 / Creates a user with roles, organization and an initial password, which must be changed at first sign-in.',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 409)
  create(@Caller() caller: Principal, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(caller, dto);
  }

  @Authorize(Permission.UserManage, owned)
  @Patch(':id')
  @ApiOperation({
    summary: '修改用户 / Update a user',
    description: '修改用户信息、角色或状态。 / Updates a user’s details, roles or state.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  update(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(caller, id, dto);
  }

  @Authorize(Permission.UserManage, owned)
  @Post(':id/reset-password')
  @HttpCode(204)
  @ApiOperation({
    summary: '重置密码 / Reset a password',
    description: '为用户设置临时密码，下次登录须修改。 / Sets a temporary password the user must change at next sign-in.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  resetPassword(@Caller() caller: Principal, @Param() { id }: IdParam, @Body() dto: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(caller, id, dto);
  }

  @Authorize(Permission.UserManage, owned)
  @Post(':id/unlock')
  @HttpCode(204)
  @ApiOperation({
    summary: '解除锁定 / Unlock an account',
    description: '解除因多次登录失败造成的锁定。 / Lifts the lock after repeated failed sign-ins.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  unlock(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<void> {
    return this.users.unlock(caller, id);
  }

  @Authorize(Permission.UserManage, owned)
  @Post(':id/reset-mfa')
  @HttpCode(204)
  @ApiOperation({
    summary: '重置双因素认证 / Reset two-factor authentication',
    description: '用户须重新绑定；其会话结束 / the user enrols again; their sessions end',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  resetMfa(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<void> {
    return this.users.resetMfa(caller, id);
  }
}

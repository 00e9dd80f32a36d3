import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '@jixiao/contracts';
import { Authorize, Caller } from '../../common/auth/authorize.decorator';
import type { Principal } from '../../common/auth/principal';
import { ApiProblems } from '../../common/errors/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageOf } from '../../common/list/page.dto';
import { ApiKeyEntity } from './entities/api-key.entity';
import { ApiKeyDto, ApiKeyListQueryDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Authorize(Permission.ApiKeyManage, { kind: 'list' })
  @Get()
  @ApiOperation({
    summary: '接口密钥列表 / List API keys',
    description: '列出 API 密钥（不含密钥本身）。 / Lists API keys (never the secret).',
  })
  @ApiOkResponse({ type: PageOf(ApiKeyDto) })
  @ApiProblems(400)
  list(@Caller() caller: Principal, @Query() query: ApiKeyListQueryDto) {
    return this.apiKeys.list(caller, query);
  }

  @Authorize(Permission.ApiKeyManage, { kind: 'create' })
  @Post()
  @ApiOperation({
    summary: '新建接口密钥 / Create an API key',
    description:
      '为其他系统新建 API 密钥，授予权限并限定全区或某机构范围；密钥只显示一次。 / Creates an API key for another system with permissions, for the whole district or one organization; the key is shown once.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems(400)
  create(@Caller() caller: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(caller, dto);
  }

  @Authorize(Permission.ApiKeyManage, { kind: 'owner', entity: ApiKeyEntity })
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: '吊销接口密钥 / Revoke an API key',
    description: '吊销密钥，此后使用它的请求返回 401。 / Revokes a key; requests with it then answer 401.',
  })
  @ApiNoContentResponse()
  @ApiProblems(400, 404, 409)
  revoke(@Caller() caller: Principal, @Param() { id }: IdParam): Promise<void> {
    return this.apiKeys.revoke(caller, id);
  }
}

// first: V8's heap policy before the app's modules load (common/memory/pretenuring.ts)
import './common/memory/pretenuring';
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { VersioningType, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { serializeReply } from './common/list/json-items';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import fastifyMultipart from '@fastify/multipart';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { EMBEDDED_POOL_MAX, EmbeddedPostgres, SERVER_POOL_MAX, startEmbeddedPostgres } from './database/embedded-postgres';
import { requestContext } from './common/http/request-context';
import { runMigrations } from './database/migrate';
import { grantAppRole } from './database/app-role';
import { multipartRoutesOf, registerInputGuards } from './common/http/hostile-input';
import { registerSecurityHeaders } from './common/http/security-headers';
import { answerClientError } from './common/errors/problem';
import { API_TAGS, describeOperations } from './common/http/openapi-docs';
import { BootstrapService } from './modules/demo/bootstrap.service';

export interface RunningApp {
  app: NestFastifyApplication;
  databaseUrl: string;
  embedded: boolean;
  /** The embedded database's own process, when it runs in one. */
  embeddedPid?: number;
  document: OpenAPIObject;
  close(): Promise<void>;
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Jixiao 绩效 API')
    .setDescription(
      '预算绩效管理和财政监督平台接口。错误均为 application/problem+json，含稳定的 code、中英文信息与字段错误。' +
        ' / Budget performance management and fiscal supervision API. Errors are application/problem+json with a stable code.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key');
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  return describeOperations(document);
}

/**
 * Builds the whole API: database (embedded PGlite unless DATABASE_URL), migrations, Nest on
 * Fastify, problem+json everywhere, Swagger, the SPA, first-start data. Used by main and by tests.
 */
export async function createApp(config: AppConfig): Promise<RunningApp> {
  let embedded: EmbeddedPostgres | null = null;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir);
    databaseUrl = embedded.url;
  }
  const poolMax = embedded ? EMBEDDED_POOL_MAX : SERVER_POOL_MAX;
  try {
    if (config.databaseMigrationUrl) {
      // The owner migrates and grants; the API then works as DATABASE_URL's non-owner role.
      await runMigrations(config.databaseMigrationUrl, 1);
      await grantAppRole(config.databaseMigrationUrl, databaseUrl);
    }
    const adapter = new FastifyAdapter({
      bodyLimit: config.bodyLimitBytes,
      trustProxy: config.trustProxy,
      genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      },
      logger: false,
      // a request the HTTP parser refuses (not HTTP, a header too large) answered as problem+json too
      clientErrorHandler: answerClientError,
    });
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl, poolMax), adapter, {
      logger: config.env === 'test' ? ['error'] : ['log', 'warn', 'error'],
      abortOnError: false,
      // Nest's own parsers (JSON, form-encoded) stay off: registerInputGuards installs the one JSON parser.
      bodyParser: false,
    });
    app.setGlobalPrefix('api');
    app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
    app.enableShutdownHooks();

    const fastify = app.getHttpAdapter().getInstance();
    // a list whose items PostgreSQL wrote as JSON is sent as their text (common/list/json-items.ts),
    // as one UTF-8 Buffer: fastify's types say string, but its reply sends a Buffer as it is (and
    // sizes content-length from it) — json-items.e2e-spec reads such answers through the server
    fastify.setReplySerializer(serializeReply as (payload: unknown) => string);
    // Uploads (Excel imports, reports) as multipart/form-data, one file per request; read through
    // common/http/multipart.ts, which turns every limit into a coded 4xx.
    await fastify.register(fastifyMultipart, {
      limits: {
        fileSize: config.uploadLimitBytes,
        files: 1,
        fields: config.multipartMaxFields,
        parts: config.multipartMaxFields + 1,
        fieldSize: config.bodyLimitBytes,
      },
    });
    fastify.addHook('onRequest', (request, _reply, done) => {
      const ip = request.ip ?? null;
      const ua = request.headers['user-agent'];
      requestContext.run({ requestId: String(request.id), ip, userAgent: typeof ua === 'string' ? ua : null }, done);
    });
    registerSecurityHeaders(fastify, { hstsMaxAgeSeconds: config.hstsMaxAgeSeconds });

    const document = buildOpenApi(app);
    // JSON only (415 otherwise, multipart only where the document declares it), depth and NUL checks.
    registerInputGuards(fastify, {
      bodyLimitBytes: config.bodyLimitBytes,
      uploadLimitBytes: config.uploadLimitBytes,
      jsonMaxDepth: config.jsonMaxDepth,
      multipartRoutes: multipartRoutesOf(document),
    });
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Jixiao API' });

    await registerSpa(app, config.webDist);
    await app.init();
    await app.get(BootstrapService).run();

    return {
      app,
      databaseUrl,
      embedded: embedded !== null,
      embeddedPid: embedded?.pid,
      document,
      async close() {
        await app.close();
        if (embedded) await embedded.stop();
      },
    };
  } catch (error) {
    if (embedded) await embedded.stop();
    throw error;
  }
}

/** Serves the built SPA's files at `/`; the history-mode fallback lives in the problem filter. */
async function registerSpa(app: NestFastifyApplication, webDist: string): Promise<void> {
  if (!existsSync(join(webDist, 'index.html'))) return;
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: false });
}

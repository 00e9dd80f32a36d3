import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/app-config';
import { AUTHORIZE_KEY, type AuthorizeMetadata } from '../../src/common/auth/authorize.decorator';

/**
 * The app's routes, read synchronously from the controllers' decorator metadata of every module
 * AppModule imports. Jest names its tests before any `beforeAll` runs, so a generated test cannot
 * wait for the running app's OpenAPI document to know its names; this walk gives each route a
 * named test, and the tests then take everything they check (scope, permission, parameters,
 * schemas) from the document the running app serves. A test compares the two sets, so a route
 * missing from either is reported, never silently uncovered.
 */
export interface DeclaredRoute {
  /** The OpenAPI operationId the app's factory gives it: `<Controller minus "Controller">_<method>`. */
  operationId: string;
  /** A readable name for test titles, e.g. `PATCH users/:id`. */
  title: string;
  /** The permission `@Authorize` guards it with (null: any signed-in caller, or a public route); the document's `x-permission`. */
  permission: string | null;
}

type ModuleLike = { module?: unknown; imports?: unknown[]; controllers?: unknown[] } | (new (...args: never[]) => unknown);

export function declaredRoutes(): DeclaredRoute[] {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', DEMO_DATA: 'false', WEB_DIST: '/nonexistent' });
  // Building the module tree opens no connection: TypeORM connects only when the app initializes.
  const root = AppModule.forRoot(config, 'postgres://unused@127.0.0.1:1/unused', 1);
  const seenModules = new Set<unknown>();
  const controllers = new Set<new (...args: never[]) => unknown>();

  const visit = (entry: ModuleLike | undefined): void => {
    if (!entry || seenModules.has(entry)) return;
    seenModules.add(entry);
    if (typeof entry === 'function') {
      for (const c of (Reflect.getMetadata('controllers', entry) ?? []) as (new () => unknown)[]) controllers.add(c);
      for (const i of (Reflect.getMetadata('imports', entry) ?? []) as ModuleLike[]) visit(i);
      return;
    }
    if (typeof entry === 'object') {
      for (const c of (entry.controllers ?? []) as (new () => unknown)[]) controllers.add(c);
      for (const i of (entry.imports ?? []) as ModuleLike[]) visit(i);
      if (entry.module) visit(entry.module as ModuleLike);
    }
  };
  visit(root as ModuleLike);

  const routes: DeclaredRoute[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata('path', controller) ?? '').replace(/^\/|\/$/g, '');
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor') continue;
      const handler = proto[name];
      if (typeof handler !== 'function') continue;
      const method = Reflect.getMetadata('method', handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const sub = String(Reflect.getMetadata('path', handler) ?? '').replace(/^\/|\/$/g, '');
      const path = [base, sub].filter(Boolean).join('/');
      const authorize = (Reflect.getMetadata(AUTHORIZE_KEY, handler) ?? Reflect.getMetadata(AUTHORIZE_KEY, controller)) as
        | AuthorizeMetadata
        | undefined;
      routes.push({
        operationId: `${controller.name.replace(/Controller$/, '')}_${name}`,
        title: `${RequestMethod[method]} ${path || '/'}`,
        permission: authorize?.permission ?? null,
      });
    }
  }
  return routes;
}

import { unwrap, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';

export type Workbench = ResponseOf<'/api/v1/workbench', 'get'>;
export type WorkbenchItem = Workbench['todo'][number];
export type WorkbenchCoverage = Workbench['coverage'][number];
export type WorkbenchDeadline = Workbench['deadlines'][number];
export type WorkbenchLink = WorkbenchItem['link'];

export const workbenchApi = {
  get: () => unwrap(api.GET('/api/v1/workbench')),
};

import { unwrap, type ResponseOf } from '@jixiao/api-client';
import { api } from './http';

export type WorkingYear = ResponseOf<'/api/v1/settings/working-year', 'get'>;

export const settingsApi = {
  workingYear: () => unwrap(api.GET('/api/v1/settings/working-year')),
  setWorkingYear: (year: number) => unwrap(api.PUT('/api/v1/settings/working-year', { body: { year } })),
};

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI only (migration:generate / show), against DATABASE_URL. */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL to a scratch PostgreSQL database to generate migrations');
export default new DataSource(dataSourceOptions(url, 1));

import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_complaints';

/** Every migration, in order. Names are frozen. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_complaints': m0002,
};

import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_complaints';
import * as m0003 from './0003_webhooks';
import * as m0004 from './0004_reports';
import * as m0005 from './0005_evidence';
import * as m0006 from './0006_verification';
import * as m0007 from './0007_open_data';
import * as m0008 from './0008_audit';
import * as m0009 from './0009_replies';
// rules (issue 12): signed site rules
import * as m0010 from './0010_site_rules';
// buckets (issue 13)
import * as m0011 from './0011_buckets';

/** Every migration, in order. Names are frozen. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_complaints': m0002,
  '0003_webhooks': m0003,
  '0004_reports': m0004,
  '0005_evidence': m0005,
  '0006_verification': m0006,
  '0007_open_data': m0007,
  '0008_audit': m0008,
  '0009_replies': m0009,
  // rules (issue 12)
  '0010_site_rules': m0010,
  // buckets (issue 13)
  '0011_buckets': m0011,
};

import type { Migration } from './migration';
import { migration0010 } from './0010-initial';
import { migration0020 } from './0020-work-orders';
import { migration0030 } from './0030-call-timeline';
import { migration0040 } from './0040-agent-state-log';
import { migration0050 } from './0050-call-quality';
import { migration0060 } from './0060-call-outcomes';
import { migration0070 } from './0070-call-ledger';
import { migration0150 } from './0150-dispatch-choices';
import { migration0200 } from './0200-recordings';
import { migration0210 } from './0210-recording-uploads';
import { migration0100 } from './0100-reference-data';
import { migration0110 } from './0110-knowledge-index';
import { migration0250 } from './0250-call-reviews';
import { migration0300 } from './0300-practice-work-orders';
import { migration0320 } from './0320-centre-call-reports';
import { migration0325 } from './0325-imported-review-audio';
import { migration0330 } from './0330-practice-results';

/** In order. Never edit a shipped migration: add the next one. */
export const MIGRATIONS: readonly Migration[] = [migration0010, migration0020, migration0030, migration0040, migration0050, migration0060, migration0070, migration0100, migration0110, migration0150, migration0200, migration0210, migration0250, migration0300, migration0320, migration0325, migration0330];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

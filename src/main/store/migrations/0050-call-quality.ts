import type { Migration } from './migration';

/**
 * Call quality stored with the call log entry (issue 3): the renderer's summary
 * of its getStats samples over the call (see CallQualitySummarySchema). All NULL
 * for a call that never had media, and for calls logged before this version.
 * quality_samples is NULL exactly when the other columns are (rtt_avg_ms may
 * also be NULL on its own: no RTT was reported).
 */
export const migration0050: Migration = {
  version: 50,
  name: 'call-quality',
  up: (db) => {
    db.exec(`
      ALTER TABLE calls ADD COLUMN quality_samples INTEGER CHECK (quality_samples IS NULL OR quality_samples > 0);
      ALTER TABLE calls ADD COLUMN mos_avg REAL CHECK (mos_avg IS NULL OR mos_avg BETWEEN 1 AND 4.5);
      ALTER TABLE calls ADD COLUMN mos_min REAL CHECK (mos_min IS NULL OR mos_min BETWEEN 1 AND 4.5);
      ALTER TABLE calls ADD COLUMN loss_avg_percent REAL CHECK (loss_avg_percent IS NULL OR loss_avg_percent BETWEEN 0 AND 100);
      ALTER TABLE calls ADD COLUMN jitter_max_ms REAL CHECK (jitter_max_ms IS NULL OR jitter_max_ms >= 0);
      ALTER TABLE calls ADD COLUMN rtt_avg_ms REAL CHECK (rtt_avg_ms IS NULL OR rtt_avg_ms >= 0);
    `);
  },
};

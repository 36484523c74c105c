import type Database from 'better-sqlite3';
import { NewAnnotationSchema, type Annotation, type NewAnnotation } from '../../shared/review/review';

interface Row {
  id: number;
  call_id: string;
  start_ms: number;
  end_ms: number | null;
  tag: Annotation['tag'];
  text: string;
  author: string;
  created_at: number;
}

const toAnnotation = (row: Row): Annotation => ({
  id: row.id,
  callId: row.call_id,
  startMs: row.start_ms,
  endMs: row.end_ms,
  tag: row.tag,
  text: row.text,
  author: row.author,
  createdAt: row.created_at,
});

/** A trainer's notes on a call's timeline: at a moment or over a span, with a tag (migration 0250). */
export class AnnotationsRepo {
  constructor(private readonly db: Database.Database) {}

  add(input: NewAnnotation, author: string, now: number): Annotation {
    const a = NewAnnotationSchema.parse(input);
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO call_annotations (call_id, start_ms, end_ms, tag, text, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.callId, a.startMs, a.endMs, a.tag, a.text, author, now);
    return toAnnotation(this.db.prepare('SELECT * FROM call_annotations WHERE id = ?').get(lastInsertRowid) as Row);
  }

  list(callId: string): Annotation[] {
    return (this.db.prepare('SELECT * FROM call_annotations WHERE call_id = ? ORDER BY start_ms, id').all(callId) as Row[]).map(toAnnotation);
  }

  remove(callId: string, id: number): boolean {
    return this.db.prepare('DELETE FROM call_annotations WHERE call_id = ? AND id = ?').run(callId, id).changes > 0;
  }
}

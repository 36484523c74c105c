import { z } from 'zod';
import { AlertAckReplySchema, AlertPolicySchema, AlertRaiseSchema, FloorAlertSchema, FloorDetailReportSchema, FloorDetailSchema } from '../../../src/shared/domain/floor';
import {
  EndRequestSchema,
  GrantReplySchema,
  GrantRequestSchema,
  MonitorLogEntrySchema,
  MonitorSettingsSchema,
  RedeemReplySchema,
  RedeemRequestSchema,
} from '../../../src/shared/domain/monitor';
import { CentreRecordingSchema, RecordingCompleteSchema, UploadStatusSchema } from '../../../src/shared/recording/recording-upload';
import {
  CallSummarySchema,
  CentreAnnotationSchema,
  CentreCallPageSchema,
  CentreCallSchema,
  CentreReviewSchema,
  PlaybackEntrySchema,
  ReviewSaveSchema,
  ReviewShareSchema,
} from '../../../src/shared/review/centre-review';
import { ScorecardSchema } from '../../../src/shared/scorecard/scorecard';
import { ScorecardTemplateSchema } from '../../../src/shared/scorecard/template';

/**
 * The OpenAPI components of case review, recordings, monitor grants and the
 * floor's emergencies and drafts, derived from the zod
 * schemas the routes parse with (z.toJSONSchema, JSON Schema 2020-12 as
 * OpenAPI 3.1 takes it): request bodies as the route accepts them (defaults
 * optional), answers as the service sends them. docs/workorder-api.openapi.yaml
 * holds them verbatim; the openapi test compares, so a schema change that is
 * not in the document fails it (print this to update the document).
 */
export function derivedSchemas(): Record<string, unknown> {
  const requests = z.registry<{ id: string }>();
  requests.add(CallSummarySchema, { id: 'CallSummary' });
  requests.add(ReviewSaveSchema, { id: 'ReviewSave' });
  requests.add(ReviewShareSchema, { id: 'ReviewShare' });
  requests.add(ScorecardTemplateSchema, { id: 'ScorecardTemplate' });
  requests.add(RecordingCompleteSchema, { id: 'RecordingComplete' });
  requests.add(GrantRequestSchema, { id: 'MonitorGrantRequest' });
  requests.add(RedeemRequestSchema, { id: 'MonitorRedeemRequest' });
  requests.add(EndRequestSchema, { id: 'MonitorEndRequest' });
  requests.add(MonitorSettingsSchema, { id: 'MonitorSettings' });
  requests.add(AlertRaiseSchema, { id: 'FloorAlertRaise' });
  requests.add(AlertPolicySchema, { id: 'FloorAlertPolicy' });
  requests.add(FloorDetailReportSchema, { id: 'FloorDetailReport' });
  const answers = z.registry<{ id: string }>();
  answers.add(CentreCallSchema, { id: 'CentreCall' });
  answers.add(CentreCallPageSchema, { id: 'CentreCallPage' });
  answers.add(PlaybackEntrySchema, { id: 'PlaybackEntry' });
  answers.add(CentreAnnotationSchema, { id: 'CentreAnnotation' });
  answers.add(CentreReviewSchema, { id: 'CentreReview' });
  answers.add(ScorecardSchema, { id: 'Scorecard' });
  answers.add(UploadStatusSchema, { id: 'UploadStatus' });
  answers.add(CentreRecordingSchema, { id: 'CentreRecording' });
  answers.add(GrantReplySchema, { id: 'MonitorGrant' });
  answers.add(RedeemReplySchema, { id: 'MonitorRedeemReply' });
  answers.add(MonitorLogEntrySchema, { id: 'MonitorLogEntry' });
  answers.add(FloorAlertSchema, { id: 'FloorAlert' });
  answers.add(AlertAckReplySchema, { id: 'FloorAlertAck' });
  answers.add(FloorDetailSchema, { id: 'FloorDetail' });
  const uri = (id: string) => `#/components/schemas/${id}`;
  const all = {
    ...z.toJSONSchema(requests, { io: 'input', uri, unrepresentable: 'any' }).schemas,
    ...z.toJSONSchema(answers, { io: 'output', uri, unrepresentable: 'any' }).schemas,
  };
  return JSON.parse(JSON.stringify(all, (key, value: unknown) => (key === '$schema' || key === '$id' ? undefined : value))) as Record<string, unknown>;
}

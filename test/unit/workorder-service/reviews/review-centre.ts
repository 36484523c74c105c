import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import { DiskBlobs, type RecordingBlobs } from '../../../../services/workorder/recordings/recording-blobs';
import { SIGN_IN_PATH } from '../../../../src/shared/domain/centre/sign-in';
import { UPLOAD_PART_BYTES, recordingCompletePath, recordingUploadPath } from '../../../../src/shared/recording/recording-upload';
import { CENTRE_CALLS_PATH, type CallSummaryInput } from '../../../../src/shared/review/centre-review';
import type { Scorecard } from '../../../../src/shared/scorecard/scorecard';
import { makeTempDir } from '../../../support/temp-dir';
import { startFixture, type StoreKind } from '../fixture';
import { io, PASSWORDS, seedCentre } from '../people/seed';

/**
 * The centre of the case-review tests: the people seed (agent 0307, lead 0401
 * of team a who also leads team b, admin 9001, agent 0501 of team b) plus
 * trainer 0701 of team a, trainer 0801 of team b, agent 0309 of team a,
 * quality inspector 0901 of team a and 0902 of team b.
 */
export async function reviewCentre(kind: StoreKind, blobs?: RecordingBlobs) {
  const dir = makeTempDir('hotline-review-centre-');
  const fx = await startFixture(
    { admission: false, retention: false, recordings: { blobs: blobs ?? new DiskBlobs(`${dir.path}/blobs`), stagingDir: `${dir.path}/staging` } },
    kind,
  );
  const store = await fx.openStore();
  try {
    await seedCentre(store);
    const person = (workNumber: string, team: string, roles: string) =>
      runAdminCommand(store, ['create-person', '--work-number', workNumber, '--name', `人员${workNumber}`, '--team', team, '--roles', roles, '--password-stdin'], Date.now(), io(`pw-${workNumber}-secret\n`));
    await person('0701', 'team-a', 'trainer');
    await person('0801', 'team-b', 'trainer');
    await person('0309', 'team-a', 'agent');
    await person('0901', 'team-a', 'inspector');
    await person('0902', 'team-b', 'inspector');
    // A trainer's desk signs in like any desk (it needs a phone account).
    await runAdminCommand(store, ['set-sip', '--work-number', '0701', '--uri', 'sip:0701@centre.example', '--auth-user', '0701', '--sip-password-stdin'], Date.now(), io('sip-0701\n'));
  } finally {
    await store.close();
  }
  const signIn = async (workNumber: string, password: string) => {
    const reply = await fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: `desk-${workNumber}` } });
    expect(reply.status).toBe(200);
    return reply.body.token as string;
  };
  const tokens = {
    agent: await signIn('0307', PASSWORDS.agent),
    lead: await signIn('0401', PASSWORDS.lead),
    admin: await signIn('9001', PASSWORDS.admin),
    agentB: await signIn('0501', PASSWORDS.agentB),
    trainerA: await signIn('0701', 'pw-0701-secret'),
    trainerB: await signIn('0801', 'pw-0801-secret'),
    otherAgentA: await signIn('0309', 'pw-0309-secret'),
    inspectorA: await signIn('0901', 'pw-0901-secret'),
    inspectorB: await signIn('0902', 'pw-0902-secret'),
  };

  /** Uploads a recording as the desk does (parts, then complete); returns its id. */
  const upload = async (token: string, callId: string, audio: Buffer, startedAt = 1_000) => {
    const id = `rec-${createHash('md5').update(callId).digest('hex')}`;
    for (let offset = 0; offset < audio.length; offset += UPLOAD_PART_BYTES) {
      const put = await fetch(`${fx.url}${recordingUploadPath(id)}?offset=${offset}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(audio.subarray(offset, offset + UPLOAD_PART_BYTES)),
      });
      expect(put.status).toBe(200);
    }
    const done = await fx.as(token)('POST', recordingCompletePath(id), {
      body: { callId, practice: false, startedAt, durationMs: 6_000, bytes: audio.length, sha256: createHash('sha256').update(audio).digest('hex'), mimeType: 'audio/webm' },
    });
    expect(done.status).toBe(201);
    return id;
  };
  const report = async (token: string, call: CallSummaryInput) => {
    const reply = await fx.as(token)('POST', CENTRE_CALLS_PATH, { body: call });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  };
  return {
    fx,
    tokens,
    signIn,
    upload,
    report,
    close: async () => {
      await fx.close();
      dir.remove();
    },
  };
}

/** A scorecard as the desk's judge makes one (no items needed for what the centre does with it). */
export function scorecard(score: number, templateVersion = 1): Scorecard {
  return {
    templateId: 'hotline-12345',
    templateVersion,
    items: [],
    fatal: [],
    figures: { handleMs: 60_000, afterCallMs: 10_000, firstAgentWordsMs: 800, overlapCount: 0, talkOverCount: 0, longestDeadAirMs: 1_000, agentRaisedVoiceCount: 0 },
    score,
    maxScore: 100,
    pending: 0,
    zeroed: false,
  };
}

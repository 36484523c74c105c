import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingAudioPath } from '../../../../src/shared/recording/recording-upload';
import { PLAYBACKS_PATH, type PlaybackEntry } from '../../../../src/shared/review/centre-review';
import { STORE_KINDS } from '../fixture';
import { reviewCentre } from './review-centre';

describe.each(STORE_KINDS)('recordings by role, every playback logged, on %s', (kind) => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('the agent, a trainer or lead of the team and an admin play it (whole or a byte range); anyone else gets 403; each playback is a row admins and leads read', { timeout: 60_000 }, async () => {
    const centre = await reviewCentre(kind);
    close = centre.close;
    const { fx, tokens } = centre;
    const audio = randomBytes(5_000);
    const id = await centre.upload(tokens.agent, 'call-access-0001', audio);
    const play = async (token: string, range?: string) => {
      const response = await fetch(`${fx.url}${recordingAudioPath(id)}`, { headers: { authorization: `Bearer ${token}`, ...(range ? { range } : {}) } });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    };

    const own = await play(tokens.agent);
    expect(own.status).toBe(200);
    expect(own.bytes.equals(audio)).toBe(true);
    expect(own.headers.get('accept-ranges')).toBe('bytes');
    // A trainer fetching what is not on their desk: a byte range, as a streaming player asks.
    const part = await play(tokens.trainerA, 'bytes=100-1099');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-1099/${audio.length}`);
    expect(part.bytes.equals(audio.subarray(100, 1100))).toBe(true);
    const tail = await play(tokens.lead, 'bytes=-500');
    expect(tail.status).toBe(206);
    expect(tail.bytes.equals(audio.subarray(audio.length - 500))).toBe(true);
    expect((await play(tokens.admin)).status).toBe(200);
    // Past the end: 416 with the size, and not a playback.
    const past = await play(tokens.trainerA, `bytes=${audio.length}-`);
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${audio.length}`);

    // A trainer of another team, an agent of another team, another agent of the same team: 403.
    for (const token of [tokens.trainerB, tokens.agentB, tokens.otherAgentA]) expect((await play(token)).status).toBe(403);
    expect((await play(tokens.trainerA.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')))).status).toBe(401);

    // The log: four playbacks, newest first, who, which, when and from where; refusals are not playbacks.
    const log = await fx.as(tokens.admin)('GET', `${PLAYBACKS_PATH}?recording=${id}`);
    expect(log.status).toBe(200);
    const entries = log.body.playbacks as PlaybackEntry[];
    expect(entries.map((e) => [e.byWorkNumber, e.range])).toEqual([
      ['9001', null],
      ['0401', `${audio.length - 500}-${audio.length - 1}`],
      ['0701', '100-1099'],
      ['0307', null],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ recordingId: id, callId: 'call-access-0001', teamId: 'team-a' });
      expect(entry.remoteAddress).toMatch(/127\.0\.0\.1$/);
      expect(entry.byPersonId).toMatch(/.+/);
      expect(entry.at).toBeGreaterThan(0);
    }
    expect(entries[2]!.byRoles).toEqual(['trainer']);
    expect((await fx.rows('SELECT * FROM recording_playbacks')).length).toBe(4);
    // A lead reads the log of the teams they see; a trainer and an agent may not read it.
    expect((await fx.as(tokens.lead)('GET', PLAYBACKS_PATH)).body.playbacks).toHaveLength(4);
    expect((await fx.as(tokens.lead)('GET', `${PLAYBACKS_PATH}?team=team-c`)).status).toBe(403);
    expect((await fx.as(tokens.trainerA)('GET', PLAYBACKS_PATH)).status).toBe(403);
    expect((await fx.as(tokens.agent)('GET', PLAYBACKS_PATH)).status).toBe(403);
    expect((await fx.as(tokens.admin)('GET', `${PLAYBACKS_PATH}?team=team-b`)).body.playbacks).toEqual([]);
    expect((await fx.as(tokens.admin)('GET', `${PLAYBACKS_PATH}?bogus=1`)).status).toBe(400);
  });
});

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Select } from 'tdesign-react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import { recordingTime, wallTime, type ReplayAudioInfo } from '../../../../shared/review/review';
import { clock } from '../../scorecard';
import type { ReplayEvent } from '../replay-events';
import { neighbourEvent } from '../replay-events';
import { savePeaks } from '../replay-store';
import { linkWaveShadowStyle } from '../wave-shadow-style';

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
const PEAKS_PER_SECOND = 20;

const COLOURS: Record<ReplayEvent['family'], string> = {
  step: 'rgba(0, 168, 112, 0.9)',
  prompt: 'rgba(0, 82, 217, 0.9)',
  signal: 'rgba(227, 115, 24, 0.35)',
  hold: 'rgba(128, 128, 128, 0.35)',
  'work-order': 'rgba(120, 60, 200, 0.9)',
  emergency: 'rgba(213, 73, 65, 0.95)',
  lead: 'rgba(213, 73, 65, 0.6)',
  annotation: 'rgba(250, 200, 0, 0.45)',
  other: 'rgba(100, 100, 100, 0.6)',
};

export interface PlayerHandle {
  /** Seek to a moment of the call (wall ms from answer). */
  seekCall(ms: number): void;
}

/**
 * The two channels (caller above, agent below) drawn from precomputed peaks,
 * so an hour-long call opens at once; the timeline's events as markers (a
 * line for a moment, a band for a span); click a marker to seek; speed
 * 0.5x to 2x; keys: space, ←/→ 5 s, [ and ] the previous / next event.
 * Times on screen are the call's (from answer): holds are not in the
 * audio, so positions go through the recording's holds.
 */
export function ReplayPlayer({
  callId,
  audio,
  audioUrl,
  events,
  onTime,
  handleRef,
}: {
  callId: string;
  audio: ReplayAudioInfo;
  audioUrl: string | null;
  events: readonly ReplayEvent[];
  /** The moment now (wall ms from answer), as it plays or is sought. */
  onTime: (ms: number) => void;
  handleRef: React.MutableRefObject<PlayerHandle | null>;
}) {
  const { t } = useTranslation('replay');
  const container = useRef<HTMLDivElement>(null);
  const wave = useRef<WaveSurfer | null>(null);
  const regions = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const [speed, setSpeed] = useState(1);
  const [playing, setPlaying] = useState(false);
  const [now, setNow] = useState(0);
  /**
   * The position shown (the last timeupdate, seconds of recording): the keys move from it. The media element's
   * own time can lag a seek while the audio joins the waveform, and [ from there found the event just left again.
   */
  const positionRef = useRef(0);
  /** The audio can play (its bytes arrived and the element read them); the waveform is drawn before. */
  const [audioReady, setAudioReady] = useState(false);
  /** Bumped when a new waveform is made, so the markers and the audio attach to it. */
  const [waveVersion, setWaveVersion] = useState(0);
  /** The waveform's shadow stylesheet applies: markers are laid out against the waveform only then. */
  const [styled, setStyled] = useState(false);
  const holds = audio.holds;
  const eventsRef = useRef(events);
  const onTimeRef = useRef(onTime);
  useEffect(() => {
    eventsRef.current = events;
    onTimeRef.current = onTime;
  });

  // The waveform, from the peaks alone: drawn before the audio has arrived (an hour-long call opens at once).
  useEffect(() => {
    if (!container.current) return undefined;
    const media = new Audio();
    media.preload = 'auto';
    const ready = () => setAudioReady(true);
    media.addEventListener('loadedmetadata', ready);
    const peaks = audio.peaks;
    const plugin = RegionsPlugin.create();
    const channels = [{ waveColor: '#e37318', progressColor: '#a2520d' }, { waveColor: '#8fb4f0', progressColor: '#0052d9' }];
    const ws = WaveSurfer.create({
      container: container.current,
      media,
      height: 56,
      normalize: false,
      interact: true,
      waveColor: '#8fb4f0',
      progressColor: '#0052d9',
      cursorColor: '#d54941',
      plugins: [plugin],
      splitChannels: channels,
      ...(peaks && audio.durationMs > 0 ? { peaks: [peaks.caller, peaks.agent], duration: audio.durationMs / 1000 } : {}),
    });
    let live = true;
    void linkWaveShadowStyle(ws.getWrapper()).then(() => {
      if (live) setStyled(true);
    });
    const tick = (seconds: number) => {
      positionRef.current = seconds;
      const wall = wallTime(seconds * 1000, holds);
      setNow(wall);
      onTimeRef.current(wall);
    };
    ws.on('timeupdate', tick);
    ws.on('play', () => setPlaying(true));
    ws.on('pause', () => setPlaying(false));
    plugin.on('region-clicked', (region, event) => {
      event.stopPropagation();
      ws.setTime(region.start);
    });
    wave.current = ws;
    regions.current = plugin;
    setWaveVersion((version) => version + 1);
    handleRef.current = { seekCall: (ms) => ws.setTime(recordingTime(ms, holds) / 1000) };
    return () => {
      live = false;
      setStyled(false);
      handleRef.current = null;
      wave.current = null;
      regions.current = null;
      media.removeEventListener('loadedmetadata', ready);
      setAudioReady(false);
      ws.destroy();
      media.removeAttribute('src');
    };
  }, [audio, callId, handleRef, holds]);

  // The audio, when its bytes arrive: played by the same element, the waveform left as drawn.
  useEffect(() => {
    const ws = wave.current;
    if (!ws || !audioUrl) return;
    const media = ws.getMediaElement();
    if (audio.peaks && media) {
      media.src = audioUrl;
      return;
    }
    // A recording opened for the first time: wavesurfer decodes it; its peaks are kept for every later open.
    ws.once('decode', (duration) => {
      const [caller = [], agent = []] = ws.exportPeaks({ channels: 2, maxLength: Math.ceil(duration * PEAKS_PER_SECOND), precision: 1000 }) as number[][];
      void savePeaks(callId, { perSecond: PEAKS_PER_SECOND, caller, agent }, Math.round(duration * 1000));
    });
    void ws.load(audioUrl).catch(() => undefined);
  }, [audio, audioUrl, callId, waveVersion]);

  // The markers: redrawn when the events change (an annotation added), not the waveform; placed once the waveform knows its length.
  useEffect(() => {
    const ws = wave.current;
    const plugin = regions.current;
    if (!ws || !plugin || !styled) return undefined;
    const draw = () => {
      plugin.clearRegions();
      for (const event of events) {
        const start = recordingTime(event.startMs, holds) / 1000;
        const end = event.endMs !== null && event.endMs > event.startMs ? recordingTime(event.endMs, holds) / 1000 : undefined;
        plugin.addRegion({ id: event.key, start, ...(end !== undefined ? { end } : {}), color: COLOURS[event.family], drag: false, resize: false });
      }
    };
    if (ws.getDuration() > 0) {
      draw();
      return undefined;
    }
    return ws.once('ready', draw);
  }, [events, holds, waveVersion, styled]);

  useEffect(() => {
    wave.current?.setPlaybackRate(speed, true);
  }, [speed, audioUrl]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const ws = wave.current;
      if (!ws) return;
      const position = positionRef.current;
      const nowMs = wallTime(position * 1000, holds);
      if (event.key === ' ') {
        event.preventDefault();
        void ws.playPause();
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        ws.setTime(Math.max(0, position + (event.key === 'ArrowLeft' ? -5 : 5)));
      } else if (event.key === '[' || event.key === ']') {
        event.preventDefault();
        const next = neighbourEvent(eventsRef.current, nowMs, event.key === '[' ? -1 : 1);
        if (next) ws.setTime(recordingTime(next.startMs, holds) / 1000);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [holds]);

  return (
    <div className="replay-player" data-testid="replay-player" data-now-ms={Math.round(now)} data-speed={speed} data-duration-ms={audio.durationMs} data-audio-ready={audioReady}>
      <div className="replay-player__labels">
        <span>{t('player.caller')}</span>
        <span>{t('player.agent')}</span>
      </div>
      <div ref={container} className="replay-player__wave" data-testid="replay-wave" />
      <div className="replay-player__controls">
        <Button size="small" onClick={() => void wave.current?.playPause()} data-testid="replay-play">
          {playing ? t('player.pause') : t('player.play')}
        </Button>
        <span className="replay-player__clock" data-testid="replay-clock">{`${clock(now)} / ${clock(wallTime(audio.durationMs, holds))}`}</span>
        <Select
          size="small"
          style={{ width: 96 }}
          value={speed}
          onChange={(value) => setSpeed(Number(value))}
          options={SPEEDS.map((value) => ({ label: `${value}x`, value }))}
          data-testid="replay-speed"
        />
        <span className="replay-player__keys">{t('player.keys')}</span>
        {!audio.available ? <span className="replay-player__none">{t('player.noAudio')}</span> : null}
      </div>
    </div>
  );
}

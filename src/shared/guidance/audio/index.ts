export * from './types';
export { AGC_AUDIO_PROFILE, DEFAULT_AUDIO_CONFIG, resolveAudioConfig, type AudioConfig } from './config';
export { frameRms, frameDbfs, rmsToDbfs, zeroCrossingRate, SpectralAnalyser, SILENCE_DB, TELEPHONE_BAND, WIDE_BAND, type SpectrumSummary } from './features';
export { LineBandEstimator, lineBandwidthOfCodec } from './line-band';
export { NoiseFloorTracker } from './noise-floor';
export { SpeakerAnalyser, type FrameResult } from './speaker';
export { DuplexAnalyser, Framer, analyzeBuffers, type BufferAnalysis } from './duplex';

import type { Web } from 'sip.js';

/**
 * How long an answer or an offer may wait for ICE candidates before its SDP goes with the ones it
 * has. Host candidates are local (a few ms in the lab, ~130 ms for the first peer connection of a
 * fresh browser on this machine); the bound is for an adapter that never finishes, not for a
 * network round trip.
 */
export const ICE_GATHERING_LIMIT_MS = 500;

/**
 * The desk's media go to the centre's relay (rtpengine), which latches onto whatever address the
 * desk's packets come from: host candidates are enough, so no STUN server is asked. sip.js would
 * otherwise ask Google's public one on every call: a centre's intranet that resolves the name but
 * drops the packets held every Answer for sip.js's 5 s gathering limit (measured: a STUN server
 * that never answers keeps gathering open past 12 s), and each call told a third party the desk's
 * address.
 */
export const SESSION_DESCRIPTION_OPTIONS: Web.SessionDescriptionHandlerFactoryOptions = {
  peerConnectionConfiguration: { iceServers: [] },
  iceGatheringTimeout: ICE_GATHERING_LIMIT_MS,
};

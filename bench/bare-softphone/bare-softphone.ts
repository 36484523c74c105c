/**
 * The least a Chinese-language sip.js softphone page can do, for the cold-start bench's floor (issue 16): what this
 * machine and this Chromium cost before any of the desk's own work. It asks the same bridge for the same settings and
 * password (answered from the preload's prefetch, as the desk's are), registers with sip.js's own Registerer, shows one
 * line of Chinese, rings with one strip and a button, and answers on the press with sip.js's defaults for media, the
 * desk's ICE policy (no STUN server, 500 ms gathering bound). No React, no i18n, no schemas, no styles to speak of.
 * The bench reads the same test ids and marks as on the desk.
 */
import { Registerer, RegistererState, SessionState, UserAgent, type Invitation, type Session } from 'sip.js';

interface RawBridge {
  invoke(channel: string, request: unknown): Promise<unknown>;
}
interface Account {
  wsServer: string;
  sipUri: string;
  authUser: string;
  displayName: string;
}

const bridge = (window as unknown as { hotline: RawBridge }).hotline;
const status = document.getElementById('status')!;
const strip = document.getElementById('call')!;

const painted = (name: string): void => {
  requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
};

function showRinging(invitation: Invitation): void {
  const answer = document.createElement('button');
  answer.dataset['testid'] = 'answer-button';
  answer.textContent = '接听';
  answer.addEventListener('pointerdown', () => {
    answer.remove();
    void invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  });
  strip.replaceChildren(`来电 ${invitation.remoteIdentity.uri.user ?? ''} `, answer);
  performance.mark('hotline:ringing-rendered');
  painted('hotline:ringing-painted');
}

function showTalking(session: Session): void {
  const remote = new MediaStream();
  const pc = (session.sessionDescriptionHandler as unknown as { peerConnection: RTCPeerConnection }).peerConnection;
  for (const receiver of pc.getReceivers()) if (receiver.track) remote.addTrack(receiver.track);
  const audio = new Audio();
  audio.srcObject = remote;
  void audio.play().catch(() => undefined);
  const hangup = document.createElement('button');
  hangup.dataset['testid'] = 'hangup-button';
  hangup.textContent = '挂断';
  hangup.addEventListener('click', () => void session.bye());
  strip.replaceChildren('通话中 ', hangup);
}

async function start(): Promise<void> {
  const ask = async <T>(channel: string): Promise<T> => {
    const reply = (await bridge.invoke(channel, {})) as { ok: true; value: T } | { ok: false; error: { message: string } };
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
    return reply.value;
  };
  const [view, credentials] = await Promise.all([
    ask<{ settings: { account: Account } | null }>('settings:get'),
    ask<{ password: string | null }>('settings:sipCredentials'),
  ]);
  const account = view.settings?.account;
  if (!account) throw new Error('bare softphone: no saved account');
  const userAgent = new UserAgent({
    uri: UserAgent.makeURI(account.sipUri),
    displayName: account.displayName,
    authorizationUsername: account.authUser,
    authorizationPassword: credentials.password ?? '',
    transportOptions: { server: account.wsServer },
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 500 },
    logLevel: 'error',
    delegate: {
      onInvite: (invitation) => {
        performance.mark('hotline:invite');
        invitation.stateChange.addListener((state) => {
          if (state === SessionState.Established) showTalking(invitation);
          if (state === SessionState.Terminated) strip.replaceChildren();
        });
        showRinging(invitation);
      },
    },
  });
  await userAgent.start();
  const registerer = new Registerer(userAgent, { expires: 300 });
  registerer.stateChange.addListener((state) => {
    status.dataset['state'] = state === RegistererState.Registered ? 'registered' : 'unregistered';
    status.textContent = state === RegistererState.Registered ? '已注册，可以接听' : '未注册';
  });
  await registerer.register();
}

void start().catch((error: unknown) => {
  status.textContent = `启动失败：${String(error)}`;
});
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ME_PATH, SIGN_IN_PATH, type SignInRequest, type SignInResponse } from '../../../src/shared/domain/centre/sign-in';

/** What the small centre answers to one request: a status, a JSON body (or raw text), headers. */
export interface CentreAnswer {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/**
 * A real HTTP server speaking the sign-in contract (POST /v1/sign-in, GET
 * /v1/me, `{ error: { code } }` bodies), on 127.0.0.1 and a free port. Each
 * route answers what the test set; every request is recorded.
 */
export interface ContractCentre {
  url: string;
  seen: SeenRequest[];
  signIn: (request: SignInRequest) => CentreAnswer;
  me: (authorization: string | undefined) => CentreAnswer;
  /** Everything else (the work-order API the sync calls). */
  other: (method: string, path: string) => CentreAnswer;
  close(): Promise<void>;
}

export const CENTRE_TOKEN_VALUE = 'hdw_signed-in-token-0000000000000000000000000000';

export function signInResponse(overrides: Partial<SignInResponse['provisioning']> = {}): SignInResponse {
  return {
    token: CENTRE_TOKEN_VALUE,
    expiresAt: Date.now() + 12 * 3600_000,
    person: { personId: 'p-0307', workNumber: '0307', name: '王芳', roles: ['agent'], teamId: 'team-a', leadsTeams: [] },
    provisioning: {
      sip: {
        servers: ['wss://pbx.centre.example.cn:7443/ws', 'wss://pbx2.centre.example.cn:7443/ws'],
        sipUri: 'sip:1001@centre.example.cn',
        authUser: '1001',
        password: 'sip-secret-1001',
        displayName: '王芳',
      },
      departments: [
        { id: 'housing-construction', zh: '住房和城乡建设局', en: 'Housing and Urban-Rural Development' },
        { id: 'water-affairs', zh: '水务局', en: 'Water Affairs' },
      ],
      deskPolicy: { city: '重庆', afterCallWorkSeconds: 45, autoAnswerSeconds: null },
      ...overrides,
    },
  };
}

export const refusal = (status: number, code: string, headers?: Record<string, string>): CentreAnswer => ({
  status,
  body: { error: { code, message: `the service's own words for ${code}` } },
  ...(headers ? { headers } : {}),
});

/** `tls`: serve https with this key and certificate (PEM). */
export async function startContractCentre(tls?: { key: string; cert: string }): Promise<ContractCentre> {
  const centre: Omit<ContractCentre, 'url' | 'close'> = {
    seen: [],
    signIn: () => ({ status: 200, body: signInResponse() }),
    me: () => ({ status: 200, body: { person: signInResponse().person } }),
    other: () => ({ status: 404, body: { error: { code: 'not-found', message: 'no such route' } } }),
  };
  const answer = (response: ServerResponse, reply: CentreAnswer) => {
    const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(text);
  };
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        body = text;
      }
      const path = (request.url ?? '/').split('?')[0]!;
      const method = request.method ?? 'GET';
      centre.seen.push({ method, path, authorization: request.headers.authorization, body });
      if (method === 'POST' && path === SIGN_IN_PATH) return answer(response, centre.signIn(body as SignInRequest));
      if (method === 'GET' && path === ME_PATH) return answer(response, centre.me(request.headers.authorization));
      return answer(response, centre.other(method, path));
    });
  };
  const server = tls ? createTlsServer(tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(centre, {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

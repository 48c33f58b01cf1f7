import { readFileSync } from 'node:fs';
import { IncomingHttpHeaders } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { BrowserSubscriptionKeys, VapidClaims, verifyVapid } from './web-push-crypto';
import { TEST_TLS_DIR_VARIABLE } from './test-certificates';

export interface ReceivedPush {
  subscription: string;
  headers: IncomingHttpHeaders;
  vapid: VapidClaims | null;
  /** The decrypted payload (parsed JSON), or null when it could not be decrypted. */
  payload: Record<string, unknown> | null;
}

function tlsFile(name: string): string {
  const dir = process.env[TEST_TLS_DIR_VARIABLE];
  if (!dir) throw new Error('no test certificates: run the suite through jest (test/support/global-setup.ts makes them)');
  return join(dir, name);
}

let trusted = false;
/**
 * NODE_EXTRA_CA_CERTS is read when a process starts: worker processes honour the one global setup
 * exported, but with --runInBand the suites run in the process that made it. Then the test CA is
 * added the same way Node adds an extra CA: to every secure context built without its own `ca`.
 */
function trustTestCa(): void {
  if (trusted) return;
  trusted = true;
  const ca = readFileSync(tlsFile('ca.pem'), 'utf8');
  const original = tls.createSecureContext;
  tls.createSecureContext = (options?: tls.SecureContextOptions) => {
    const context = original(options);
    if (!options?.ca) (context).context.addCACert(ca);
    return context;
  };
}

/**
 * A Web Push service (RFC 8030) on https://127.0.0.1 with the test certificate: it checks each
 * message's VAPID JWT against `vapidKey`, decrypts it with the subscription's keys (as a browser
 * would), and answers `status` (201, or 410/500 on demand).
 */
export class WebPushService {
  readonly received: ReceivedPush[] = [];
  readonly subscriptions = new Map<string, BrowserSubscriptionKeys>();
  status = 201;
  vapidKey = '';
  /** While set, answers wait for it (a push in flight). */
  hold: Promise<void> | null = null;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebPushService> {
    trustTestCa();
    const server = createServer({ key: readFileSync(tlsFile('server.key')), cert: readFileSync(tlsFile('server.pem')) });
    const service = new WebPushService(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        service.receive(String(request.url), request.headers, Buffer.concat(chunks));
        void (service.hold ?? Promise.resolve()).then(() => response.writeHead(service.status).end());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return service;
  }

  get origin(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A new subscription as `PushSubscription.toJSON()` gives it. */
  subscribe(): { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } } {
    const name = `sub-${this.subscriptions.size + 1}-${Math.random().toString(36).slice(2)}`;
    const keys = new BrowserSubscriptionKeys();
    this.subscriptions.set(`/push/${name}`, keys);
    return { endpoint: `${this.origin}/push/${name}`, expirationTime: null, keys: keys.toJSON() };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private receive(path: string, headers: IncomingHttpHeaders, body: Buffer): void {
    const keys = this.subscriptions.get(path);
    let payload: Record<string, unknown> | null = null;
    try {
      payload = keys ? (JSON.parse(keys.decrypt(body)) as Record<string, unknown>) : null;
    } catch {
      payload = null;
    }
    this.received.push({ subscription: path, headers, vapid: verifyVapid(headers.authorization, this.vapidKey), payload });
  }
}

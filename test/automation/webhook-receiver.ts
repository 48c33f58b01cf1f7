import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  id: string;
  timestamp: string;
  body: { type: string; at: string; data: { changes: Array<Record<string, unknown>> } };
  signatureValid: boolean;
}

/**
 * A Standard Webhooks receiver on 127.0.0.1 for the suites: verifies each delivery's signature
 * with the subscription's secret (its own HMAC, not the server's code) and answers `status`.
 */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  /** Every attempt, including the failed ones (webhook-id of each). */
  readonly attempts: string[] = [];
  status = 204;
  secret = '';
  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver.receive(request.headers, Buffer.concat(chunks).toString('utf8'));
        response.writeHead(receiver.status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Every change of the deliveries accepted so far, in the order they arrived. */
  changes(): Array<Record<string, unknown>> {
    return this.deliveries.flatMap((delivery) => delivery.body.data.changes);
  }

  private receive(headers: IncomingHttpHeaders, raw: string): void {
    const id = String(headers['webhook-id']);
    this.attempts.push(id);
    if (this.status >= 300) return;
    const timestamp = String(headers['webhook-timestamp']);
    this.deliveries.push({ id, timestamp, body: JSON.parse(raw), signatureValid: verify(this.secret, id, timestamp, raw, String(headers['webhook-signature'])) });
  }
}

function verify(secret: string, id: string, timestamp: string, body: string, header: string): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`);
  return header.split(' ').some((given) => given.length === expected.length && timingSafeEqual(Buffer.from(given), expected));
}

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PAGE_ID, signBody, webhookBody } from './drivers/messenger.driver.js';

const ALERT_METADATA = 'bankbot-alert:';

/**
 * A local Graph API that counts Send API deliveries per alert (by the metadata each alert's
 * message carries) and, like Meta with `message_echoes` subscribed, posts each message's echo
 * (signed, with its metadata) back to the bots' webhooks.
 */
export interface CountingGraph {
  readonly url: string;
  /** Deliveries per alert id. */
  readonly counts: ReadonlyMap<string, number>;
  /** Send API calls that were not alerts (linking confirmations, replies). */
  others(): number;
  /** Deliveries of alerts in total (duplicates included). */
  delivered(): number;
  /** Where echoes go (every bot instance; a dead one simply does not answer). */
  setWebhooks(urls: readonly string[]): void;
  /** Called after each alert delivery is counted, with the running total. */
  onDelivery(listener: (total: number) => void): void;
  close(): Promise<void>;
}

export async function startCountingGraph(): Promise<CountingGraph> {
  const counts = new Map<string, number>();
  let others = 0;
  let total = 0;
  let webhooks: readonly string[] = [];
  let listener: ((total: number) => void) | undefined;
  const echo = (psid: string, metadata: string, mid: string): void => {
    const body = webhookBody([
      {
        sender: { id: PAGE_ID },
        recipient: { id: psid },
        timestamp: Date.now(),
        message: { mid, is_echo: true, app_id: 1, metadata },
      },
    ]);
    for (const url of webhooks)
      void fetch(`${url}/api/messenger`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signBody(body) },
        body,
      }).catch(() => undefined);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: '(#100) Missing permission', code: 100 } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        recipient?: { id?: string };
        message?: { metadata?: string };
      };
      const metadata = body.message?.metadata ?? '';
      const mid = `m_${total + others + 1}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ recipient_id: body.recipient?.id, message_id: mid }));
      if (!metadata.startsWith(ALERT_METADATA)) {
        others += 1;
        return;
      }
      const id = metadata.slice(ALERT_METADATA.length);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      total += 1;
      echo(body.recipient?.id ?? '', metadata, mid);
      listener?.(total);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    others: () => others,
    delivered: () => total,
    setWebhooks: (urls) => void (webhooks = urls),
    onDelivery: (l) => void (listener = l),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * La boîte d'envoi contre un vrai serveur SMTP (smtp-server, dans le processus) : le serveur
 * s'arrête au milieu d'un envoi ; les messages restent en file, sont réessayés après le délai,
 * et chacun arrive exactement une fois quand le serveur revient. Deux travailleurs simultanés
 * n'envoient jamais le même message.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { backoffMs, deliverDue, enqueueMail, outboxCounts } from '../../../src/contact/mail/outbox';
import { smtpTransport } from '../../../src/contact/mail/smtp';
import { createBench, type TestBench } from './support';

interface Received {
  messageId: string;
  to: string;
  subject: string;
}

let bench: TestBench;
let received: Received[];
let server: SMTPServer | null;
let port = 0;
let stopAfter = Infinity;

function startServer(listenPort = 0): Promise<number> {
  const s = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    closeTimeout: 50,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ messageId: mail.messageId ?? '', to: Array.isArray(mail.to) ? '' : (mail.to?.text ?? ''), subject: mail.subject ?? '' });
          callback();
          // Arrêt du serveur en plein passage, après le n-ième message reçu.
          if (received.length === stopAfter) stopServer();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server = s;
  return new Promise((resolve) => {
    const net = s.listen(listenPort, '127.0.0.1', () => resolve((net.address() as AddressInfo).port));
  });
}

function stopServer(): Promise<void> {
  const s = server;
  server = null;
  return new Promise((resolve) => (s ? s.close(() => resolve()) : resolve()));
}

beforeEach(async () => {
  bench = createBench();
  received = [];
  stopAfter = Infinity;
  port = await startServer();
});

afterEach(async () => {
  await stopServer();
  bench.close();
});

function enqueue(n: number, prefix: string): string[] {
  return Array.from({ length: n }, (_, i) =>
    enqueueMail(bench.store, { to: `${prefix}${i}@exemple.test`, subject: `${prefix} ${i}`, text: 'Bonjour', html: '<p>Bonjour</p>', kind: 'test' }, bench.clock.now),
  );
}

describe('boîte d’envoi et SMTP', () => {
  it('le serveur SMTP tombe en plein envoi : rien n’est perdu, chaque message arrive une seule fois à son retour', async () => {
    const transport = smtpTransport({ host: '127.0.0.1', port, secure: false, user: null, pass: null }, 'versmonmétier <ne-pas-repondre@exemple.test>');
    const ids = enqueue(20, 'panne');
    stopAfter = 8;

    const first = await deliverDue(bench.store, transport, () => bench.clock.now);
    expect(first.sent).toBe(8);
    expect(first.failed).toBe(12);
    expect(received).toHaveLength(8);
    expect(outboxCounts(bench.store)).toEqual({ pending: 12, sent: 8, failed: 0 });
    const errors = bench.db.prepare("SELECT DISTINCT attempts, last_error IS NOT NULL AS has_error FROM outbox WHERE status = 'pending'").all();
    expect(errors).toEqual([{ attempts: 1, has_error: 1 }]);

    // Le serveur revient, mais le délai n'est pas écoulé : aucun nouvel essai.
    port = await startServer(port);
    stopAfter = Infinity;
    expect(await deliverDue(bench.store, transport, () => bench.clock.now)).toEqual({ sent: 0, failed: 0, dead: 0 });

    bench.clock.now = new Date(bench.clock.now.getTime() + backoffMs(1) + 1);
    const second = await deliverDue(bench.store, transport, () => bench.clock.now);
    expect(second).toEqual({ sent: 12, failed: 0, dead: 0 });
    expect(outboxCounts(bench.store)).toEqual({ pending: 0, sent: 20, failed: 0 });

    // Exactement une fois : 20 messages reçus, 20 identifiants distincts, ceux de la boîte d'envoi.
    expect(received).toHaveLength(20);
    expect(new Set(received.map((r) => r.messageId))).toEqual(new Set(ids));
    transport.close();
  });

  it('deux travailleurs en même temps se partagent la file sans doublon', async () => {
    const transport = smtpTransport({ host: '127.0.0.1', port, secure: false, user: null, pass: null }, 'test <t@exemple.test>');
    const ids = enqueue(30, 'double');
    const [a, b] = await Promise.all([deliverDue(bench.store, transport, () => bench.clock.now, 5), deliverDue(bench.store, transport, () => bench.clock.now, 5)]);
    expect(a.sent + b.sent).toBe(30);
    expect(received).toHaveLength(30);
    expect(new Set(received.map((r) => r.messageId))).toEqual(new Set(ids));
    transport.close();
  });

  it('un message toujours refusé est abandonné après le nombre maximal d’essais, avec sa raison', async () => {
    await stopServer();
    const transport = smtpTransport({ host: '127.0.0.1', port, secure: false, user: null, pass: null }, 'test <t@exemple.test>');
    enqueue(1, 'perdu');
    let dead = 0;
    for (let attempt = 1; attempt <= 20 && dead === 0; attempt++) {
      dead = (await deliverDue(bench.store, transport, () => bench.clock.now)).dead;
      bench.clock.now = new Date(bench.clock.now.getTime() + backoffMs(attempt) + 1);
    }
    expect(dead).toBe(1);
    expect(outboxCounts(bench.store)).toEqual({ pending: 0, sent: 0, failed: 1 });
    expect(bench.db.prepare('SELECT attempts, last_error FROM outbox').get()).toMatchObject({ attempts: 15, last_error: expect.stringMatching(/ECONNREFUSED|connect/i) });
    transport.close();
  });
});

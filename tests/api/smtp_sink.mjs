// A tiny SMTP server on loopback for the reminder tests: it accepts mail
// (or refuses it, or holds the final reply) and records what arrived.
import net from 'node:net';

export class SmtpSink {
  constructor() {
    this.messages = [];   // accepted (the sink answered 250 to the data)
    this.mode = 'accept'; // 'accept' | 'tempfail' (451) | 'reject' (550) | 'hold'
    this.waiters = [];
    this.held = [];       // sockets whose final 250 is held back
    this.sockets = new Set();
  }

  async start() {
    this.server = net.createServer((sock) => this.session(sock));
    await new Promise((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = this.server.address().port;
    return this;
  }

  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }

  // Resolves once `n` messages have been accepted.
  waitFor(n) {
    if (this.messages.length >= n) return Promise.resolve(this.messages);
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  // Resolves when a message is waiting for its final reply in 'hold' mode.
  waitHeld() {
    if (this.held.length) return Promise.resolve();
    return new Promise((resolve) => { this.onHeld = resolve; });
  }

  session(sock) {
    this.sockets.add(sock);
    sock.on('close', () => this.sockets.delete(sock));
    sock.on('error', () => {});
    let buf = '';
    let inData = false;
    let envelope = { to: [] };
    const reply = (line) => { if (!sock.destroyed) sock.write(line + '\r\n'); };
    reply('220 sink ESMTP');
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = Buffer.from(buf.slice(0, end), 'latin1').toString('utf8');
          buf = buf.slice(end + 5);
          inData = false;
          const msg = parse(data, envelope);
          if (this.mode === 'hold') {
            this.held.push({ sock, msg });
            if (this.onHeld) { this.onHeld(); this.onHeld = null; }
          } else {
            this.accept(msg);
            reply('250 queued');
          }
          envelope = { to: [] };
          continue;
        }
        const eol = buf.indexOf('\r\n');
        if (eol < 0) return;
        const line = buf.slice(0, eol);
        buf = buf.slice(eol + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') reply('250-sink\r\n250 8BITMIME');
        else if (cmd === 'MAIL') {
          if (this.mode === 'tempfail') reply('451 try again later');
          else if (this.mode === 'reject') reply('550 no such mailbox');
          else { envelope.from = line.slice(10); reply('250 ok'); }
        } else if (cmd === 'RCPT') { envelope.to.push(line.slice(8).replace(/[<>]/g, '')); reply('250 ok'); }
        else if (cmd === 'DATA') { inData = true; reply('354 go ahead'); }
        else if (cmd === 'QUIT') { reply('221 bye'); sock.end(); }
        else reply('250 ok');
      }
    });
  }

  accept(msg) {
    this.messages.push(msg);
    this.waiters = this.waiters.filter((w) => {
      if (this.messages.length >= w.n) { w.resolve(this.messages); return false; }
      return true;
    });
  }

  // Drops the held connections without the final reply (as if the sender died).
  dropHeld() {
    for (const h of this.held) h.sock.destroy();
    this.held = [];
  }
}

function parse(data, envelope) {
  const [head, ...rest] = data.split('\r\n\r\n');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let subject = headers.subject || '';
  const m = subject.match(/^=\?UTF-8\?B\?(.*)\?=$/);
  if (m) subject = Buffer.from(m[1], 'base64').toString('utf8');
  const rawBody = rest.join('\r\n\r\n');
  const body = headers['content-transfer-encoding'] === 'base64'
    ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8') : rawBody;
  return { to: envelope.to, from: envelope.from, subject, body, messageId: headers['message-id'], headers };
}

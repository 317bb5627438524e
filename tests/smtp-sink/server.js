// The SMTP server the mail tests send to: it accepts every message and keeps it in memory, parsed.
//   node server.js
// Listens on 127.0.0.1 only, on two free ports: SMTP (no TLS, any or no AUTH, any sender and recipient) and a small
// HTTP API. Once both answer it prints one JSON line on stdout: {"smtp":<port>,"api":<port>}; anything else goes to
// stderr. It exits when its standard input closes, so it dies with the test process that started it
// (tests/Auth.Api.Tests/Hosting/TestSmtpSink.cs).
// API: GET /messages?to=<address> lists the messages whose envelope names that recipient (case-insensitive), oldest
// first, as [{from, to[], subject, text, html, date}]; GET /messages lists them all; GET /count, how many arrived.
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const messages = [];
const step = (what) => process.stderr.write(`[smtp-sink +${Math.round(performance.now())} ms] ${what}\n`);

const smtp = new SMTPServer({
  name: 'smtp-sink.test',
  disabledCommands: ['STARTTLS'],   // plain SMTP on loopback, as Smtp:Security=None allows only there
  authOptional: true,
  allowInsecureAuth: true,
  logger: false,
  onAuth(auth, session, callback) { callback(null, { user: auth.username }); },
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user ?? null,
          subject: parsed.subject ?? null,
          text: parsed.text ?? null,
          html: typeof parsed.html === 'string' ? parsed.html : null,
          headerFrom: parsed.from ? parsed.from.text : null,
          headerTo: parsed.to ? [].concat(parsed.to).map((a) => a.text).join(', ') : null,
          date: parsed.date ? parsed.date.toISOString() : null,
        });
        callback();
      })
      .catch((error) => { step(`could not parse a message: ${error.message}`); callback(error); });
  },
});
smtp.on('error', (error) => step(`smtp: ${error.message}`));

const api = createServer((request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  const send = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.method !== 'GET') return send(405, { error: 'GET only' });
  if (url.pathname === '/count') return send(200, { count: messages.length });
  if (url.pathname !== '/messages') return send(404, { error: 'not found' });
  const to = url.searchParams.get('to');
  const wanted = to === null ? messages : messages.filter((m) => m.to.some((a) => a.toLowerCase() === to.toLowerCase()));
  return send(200, wanted);
});

const listen = (server) => new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => resolve(server.address().port));
});

const smtpPort = await listen(smtp.server);
const apiPort = await listen(api);
step(`SMTP on 127.0.0.1:${smtpPort}, API on 127.0.0.1:${apiPort}`);
process.stdout.write(JSON.stringify({ smtp: smtpPort, api: apiPort }) + '\n');

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

// A real OpenID Connect provider (oidc-provider) for the federation tests, shaped like Microsoft Entra ID, Okta or a
// plain OpenID provider, with a sign-in a test can script.
//   node server.js <config.json>
// Listens on 127.0.0.1 only (config.port, or a free port when 0) and, once it answers, prints one JSON line on stdout:
// {"issuer":"http://127.0.0.1:<port>/<path>","port":<port>}. Everything else it writes goes to stderr.
// config.json (tests/Auth.Api.Tests/Hosting/Upstream/TestUpstream.cs writes it):
//   port, flavor ("entra" | "okta" | "generic"), tenant (entra), controlToken, par, noPkceMetadata, noEndSession,
//   misbehave[],
//   signingKeyFile (kept across restarts), exitWithStdin,
//   clients[]: OpenID Connect client metadata (client_id, client_secret, redirect_uris, post_logout_redirect_uris,
//              token_endpoint_auth_method, jwks),
//   users: { <login>: { sub?, oid?, tid?, email?, email_verified?, name?, groups?, ..., amr?, acr? } }.
// Controls (POST, "Authorization: Bearer <controlToken>", JSON): /_control/sign-ins {login, amr?, acr?} or
// {error, error_description?} queues the next sign-in; /_control/users {login, user}; /_control/misbehave {modes[]}
// ("swap-nonce", "hang-token", "login-required"); /_control/reset.
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';

console.info = console.error;                      // oidc-provider's notices: stdout carries the ready line only
// Each step on stderr, so that a harness that times out can say where the start stopped.
const step = (what) => process.stderr.write(`[upstream +${Math.round(performance.now())} ms] ${what}\n`);
const { default: Provider } = await import('oidc-provider');
step('oidc-provider loaded');

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const flavor = config.flavor ?? 'generic';
const entra = flavor === 'entra';
const users = new Map(Object.entries(config.users ?? {}));   // login → claims (+ amr, acr)
const signIns = [];                                // scripted sign-ins, taken one per interaction (FIFO)
const misbehave = new Set(config.misbehave ?? []);
const html = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Issuer paths as the real ones have them: https://login.microsoftonline.com/{tenant}/v2.0,
// https://{org}.okta.com/oauth2/default (a custom authorization server, the one that issues groups).
const prefix = { entra: `/${config.tenant}/v2.0`, okta: '/oauth2/default', generic: '' }[flavor];
if (prefix === undefined || (entra && !config.tenant)) throw new Error(`unknown flavor '${flavor}' or entra without tenant`);

const claims = {
  // Entra v2 ID tokens: oid and tid name the person for good; sub is pairwise per application; email is mutable and
  // unverified (no email_verified); groups are object ids, sent without a scope. amr/acr only when a user has them.
  entra: {
    openid: ['sub', 'oid', 'tid', 'amr', 'acr', 'groups'],
    profile: ['name', 'preferred_username', 'given_name', 'family_name'],
    email: ['email'],
  },
  okta: {
    openid: ['sub', 'amr', 'acr'],
    profile: ['name', 'preferred_username', 'given_name', 'family_name', 'locale', 'zoneinfo'],
    email: ['email', 'email_verified'],
    groups: ['groups'],
  },
  generic: {
    openid: ['sub', 'amr', 'acr'],
    profile: ['name', 'preferred_username', 'given_name', 'family_name'],
    email: ['email', 'email_verified'],
    groups: ['groups'],
  },
}[flavor];

const subjectOf = (login) => users.get(login)?.sub ?? login;
const loginOf = (accountId) => [...users.keys()].find((login) => subjectOf(login) === accountId);
// The signing key outlives a restart when the harness names a file for it: tokens issued before still verify.
const signingKey = config.signingKeyFile && existsSync(config.signingKeyFile)
  ? JSON.parse(readFileSync(config.signingKeyFile, 'utf8'))
  : { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: `upstream-${randomUUID()}` };
if (config.signingKeyFile) writeFileSync(config.signingKeyFile, JSON.stringify(signingKey), { mode: 0o600 });

step('signing key ready');
const server = createServer();
server.on('error', (error) => { step(`cannot listen: ${error.message}`); process.exit(1); });
await new Promise((ready) => server.listen(config.port ?? 0, '127.0.0.1', ready));
step(`listening on ${server.address().port}`);
const { port } = server.address();
const origin = `http://127.0.0.1:${port}`;
const issuer = origin + prefix;

const provider = new Provider(issuer, {
  clients: config.clients ?? [],
  jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  scopes: [...Object.keys(claims), 'offline_access'],
  claims,
  conformIdTokenClaims: false,                     // scope claims in the ID token too, as Entra and Okta put them
  responseTypes: ['code'],                        // the code flow only; never implicit or hybrid
  pkce: { required: () => true },                  // every authorization request must carry an S256 challenge
  subjectTypes: entra ? ['pairwise'] : ['public'],
  // Entra's sub differs per application; the service must link by oid (and tid), never by sub.
  async pairwiseIdentifier(ctx, accountId, client) {
    const user = users.get(loginOf(accountId)) ?? {};
    return createHash('sha256').update(`${user.oid ?? accountId}|${client.clientId}`).digest('base64url');
  },
  features: {
    devInteractions: { enabled: false },
    pushedAuthorizationRequests: { enabled: Boolean(config.par), requirePushedAuthorizationRequests: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!doctype html><title>Upstream sign-out</title>${form}
          <button form="op.logoutForm" name="logout" value="yes" data-testid="logout-yes">Yes, sign me out</button>
          <button form="op.logoutForm" data-testid="logout-no">No, stay signed in</button>`;
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = '<!doctype html><title>Upstream signed out</title><p data-testid="upstream-signed-out">Signed out.</p>';
      },
    },
  },
  routes: flavor === 'okta'
    ? { authorization: '/v1/authorize', token: '/v1/token', userinfo: '/v1/userinfo', jwks: '/v1/keys',
        end_session: '/v1/logout', pushed_authorization_request: '/v1/par', revocation: '/v1/revoke',
        introspection: '/v1/introspect' }
    : entra ? { authorization: '/oauth2/v2.0/authorize', token: '/oauth2/v2.0/token', userinfo: '/oidc/userinfo',
        jwks: '/discovery/v2.0/keys', end_session: '/oauth2/v2.0/logout' } : {},
  interactions: { url: async (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, accountId) {
    const login = loginOf(accountId);
    if (login === undefined) return undefined;
    return {
      accountId,
      async claims() {
        const { sub, amr, acr, ...rest } = users.get(login) ?? {};
        return { ...(entra ? { tid: config.tenant } : {}), ...rest };   // a user with a tid of its own: another tenant (multi-tenant apps)
      },
    };
  },
  // No consent screen: every client is first-party here, granted the scopes it asks for.
  async loadExistingGrant(ctx) {
    const { session, client } = ctx.oidc;
    if (!session.accountId) return undefined;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    const grant = (grantId && await provider.Grant.find(grantId))
      || new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    await grant.save();
    return grant;
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>Upstream error</title><pre data-testid="upstream-error">${html(out.error)}: ${html(out.error_description)}</pre>`;
  },
});

// Attack switch: an ID token whose nonce is not the one the service sent, signed correctly by this provider.
const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = function issueMaybeSwapped(...args) {
  if (misbehave.has('swap-nonce') && this.extra.nonce) this.set('nonce', `swapped-${randomUUID()}`);
  return issue.apply(this, args);
};

// The sign-in: a scripted one when the test queued it, else a form (login prefilled from login_hint, an MFA box).
async function interaction(req, res) {
  const [, , uid, action] = new URL(req.url, origin).pathname.split('/');   // /interaction/:uid[/login|/abort]
  const details = await provider.interactionDetails(req, res);
  const finish = (result) => provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  if (misbehave.has('login-required')) return finish({ error: 'login_required' });
  if (req.method === 'GET' && !action && signIns.length > 0) {
    const next = signIns.shift();
    return finish(next.error ? { error: next.error, error_description: next.error_description } : login(next));
  }
  if (req.method === 'GET' && !action) {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    return res.end(`<!doctype html><title>Upstream sign-in</title>
      <form method="post" action="/interaction/${uid}/login">
        <input name="login" data-testid="upstream-login" value="${html(details.params.login_hint)}">
        <label><input type="checkbox" name="mfa" value="1" data-testid="upstream-mfa"> second factor</label>
        <button data-testid="upstream-submit">Sign in</button></form>
      <form method="post" action="/interaction/${uid}/abort"><button data-testid="upstream-cancel">Cancel</button></form>`);
  }
  const form = new URLSearchParams(await body(req));
  if (action === 'abort') return finish({ error: 'access_denied', error_description: 'The user cancelled the sign-in.' });
  if (!users.has(form.get('login'))) { res.statusCode = 400; return res.end('unknown user'); }
  return finish(login({ login: form.get('login'), amr: form.get('mfa') === '1' ? ['pwd', 'mfa'] : undefined }));
}

// amr: the sign-in's, else the user's, else ['pwd']; [] leaves amr (and the derived acr) out, as Entra v2 does.
function login({ login: name, amr, acr }) {
  const user = users.get(name);
  if (!user) throw new Error(`unknown user '${name}'`);
  const methods = amr ?? user.amr ?? ['pwd'];
  const level = acr ?? user.acr ?? (methods.length === 0 ? undefined : methods.includes('mfa') ? 'urn:upstream:mfa' : 'urn:upstream:pwd');
  return { login: { accountId: subjectOf(name), amr: methods.length ? methods : undefined, acr: level, remember: false } };
}

// Test-only controls, loopback and bearer token: change users, script sign-ins, switch misbehaviours on.
async function control(req, res) {
  if (req.headers.authorization !== `Bearer ${config.controlToken}` || req.method !== 'POST') {
    res.statusCode = 401; return res.end();
  }
  const input = JSON.parse(await body(req) || '{}');
  switch (new URL(req.url, origin).pathname) {
    case '/_control/users': users.set(input.login, input.user); break;
    case '/_control/sign-ins': signIns.push(input); break;
    case '/_control/misbehave': misbehave.clear(); (input.modes ?? []).forEach((m) => misbehave.add(m)); break;
    case '/_control/reset': signIns.length = 0; misbehave.clear(); break;
    default: res.statusCode = 404; return res.end();
  }
  res.statusCode = 204; return res.end();
}

const callback = provider.callback();
server.on('request', (req, res) => {
  const failed = (e) => { console.error(e); if (!res.headersSent) { res.statusCode = 500; res.end(String(e?.message ?? e)); } };
  if (req.url.startsWith('/_control/')) return control(req, res).catch(failed);
  if (req.url.startsWith('/interaction/')) return interaction(req, res).catch(failed);
  if (!req.url.startsWith(`${prefix}/`)) { res.statusCode = 404; return res.end(); }
  if (misbehave.has('hang-token') && req.url.split('?')[0] === provider.pathFor('token')) return;
  if (req.url.startsWith(`${prefix}/.well-known/openid-configuration`)) {
    hideMetadata(res, [
      ...(config.noPkceMetadata ? ['code_challenge_methods_supported'] : []),
      ...(config.noEndSession ? ['end_session_endpoint'] : []),
    ]);
  }
  req.originalUrl = req.url;                       // oidc-provider derives its mount path from originalUrl
  req.url = req.url.slice(prefix.length);
  return callback(req, res);
});

// Discovery without some fields: as Entra's, no code_challenge_methods_supported (the client must send S256 anyway);
// as a provider without RP-initiated logout, no end_session_endpoint (the route still answers, unadvertised).
function hideMetadata(res, fields) {
  if (fields.length === 0) return;
  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => {
    if (!chunk) return end(chunk, ...rest);
    const document = JSON.parse(chunk.toString());
    fields.forEach((field) => delete document[field]);
    const text = JSON.stringify(document);
    res.setHeader('content-length', Buffer.byteLength(text));
    return end(text);
  };
}

function body(req) {
  return new Promise((ok, ko) => {
    let s = '';
    req.on('data', (c) => { s += c; });
    req.on('end', () => ok(s));
    req.on('error', ko);
  });
}

// Ends with the test process that started it: that one holds stdin open and the pipe closes when it dies.
if (config.exitWithStdin) { process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); }
process.on('SIGTERM', () => process.exit(0));
process.stdout.write(`${JSON.stringify({ issuer, port })}\n`);

// A sample integration-test suite against the identity service in ephemeral mode: plain `node --test`, no packages.
// Run it from this folder after building the service (docs/testing.md):
//   dotnet build ../../Auth.sln -c Release && node --test
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { claimsOf, postForm, sendJson, startAuth } from './ephemeral.js';

// The seed file's clients (seed.json).
const web = { id: 'orders-web', secret: 'orders-web-secret-for-tests' };
const billing = { id: 'billing-service', secret: 'billing-service-secret-for-tests' };
const ordersApi = { id: 'orders-api', secret: 'orders-api-secret-for-tests' };
const admin = { id: 'test-admin', secret: 'test-admin-secret-for-tests' };

const TESTING_GRANT = 'urn:auth:grant-type:testing';

/** A user's tokens from POST /testing/tokens, as a sign-in through `client` would give them. */
function mint(auth, username, scope, { extraClaims, client = web } = {}) {
  const form = { grant_type: TESTING_GRANT, username, scope };
  if (extraClaims) form.extra_claims = JSON.stringify(extraClaims);
  return postForm(auth.url('/testing/tokens'), form, client);
}

/** What the orders API would learn about a token by introspecting it. */
async function introspect(auth, token) {
  const { status, body } = await postForm(auth.url('/oauth/introspect'), { token }, ordersApi);
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

async function clientToken(auth, client, scope) {
  const { status, body } = await postForm(auth.url('/oauth/token'), { grant_type: 'client_credentials', scope }, client);
  assert.equal(status, 200, JSON.stringify(body));
  return body.access_token;
}

describe('one ephemeral server for the suite', () => {
  let auth;

  before(async () => {
    auth = await startAuth();
  });

  after(async () => {
    await auth?.stop();
  });

  it('prints a ready line, and discovery names the same issuer', async () => {
    assert.equal(auth.status, 'ready');
    assert.match(auth.issuer, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(new URL(auth.issuer).port, String(auth.port));
    assert.deepEqual(auth.clients, ['billing-service', 'orders-api', 'orders-web', 'test-admin']);
    assert.equal(auth.pid, auth.process.pid);

    const { status, body } = await sendJson(auth.url('/.well-known/openid-configuration'));
    assert.equal(status, 200);
    assert.equal(body.issuer, auth.issuer);
    assert.equal(body.token_endpoint, auth.url('/oauth/token'));
    assert.ok(body.grant_types_supported.includes(TESTING_GRANT), 'ephemeral mode announces the testing grant');
  });

  it('starts the server without the runtime\'s W^X protection, unless the suite\'s environment says otherwise', {
    skip: process.platform !== 'linux' || process.env.DOTNET_EnableWriteXorExecute !== undefined,
  }, async () => {
    // With W^X the runtime maps its compiled code twice from a shared-memory file named "doublemapper".
    const maps = await readFile(`/proc/${auth.pid}/maps`, 'utf8');
    assert.ok(!maps.includes('doublemapper'), 'the server runs without W^X (a shorter start)');
  });

  it('gives a seeded service a client-credentials token that the API sees as active', async () => {
    const token = await clientToken(auth, billing, 'orders.read');
    const claims = claimsOf(token);
    assert.equal(claims.iss, auth.issuer);
    assert.equal(claims.sub, 'billing-service');
    assert.equal(claims.client_id, 'billing-service');
    assert.equal(claims.aud, 'orders-api');
    assert.equal(claims.scope, 'orders.read');

    const seen = await introspect(auth, token);
    assert.equal(seen.active, true);
    assert.equal(seen.client_id, 'billing-service');
  });

  it('mints a user\'s tokens with scopes and extra claims, without a browser', async () => {
    const { status, body } = await mint(auth, 'alice', 'openid profile email offline_access orders.read', {
      extraClaims: { tenant: 'contoso', roles: ['buyer', 'approver'], level: 3 },
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.token_type, 'Bearer');
    assert.ok(body.refresh_token, 'offline_access gives a refresh token');

    const access = claimsOf(body.access_token);
    assert.equal(access.iss, auth.issuer);
    assert.equal(access.client_id, 'orders-web');
    assert.equal(access.aud, 'orders-api');
    assert.deepEqual(access.scope.split(' ').sort(), ['email', 'offline_access', 'openid', 'orders.read', 'profile']);
    assert.equal(access.preferred_username, 'alice');
    assert.equal(access.tenant, 'contoso');
    assert.deepEqual(access.roles, ['buyer', 'approver']);
    assert.equal(access.level, 3);
    assert.deepEqual(access.amr, ['pwd']);
    assert.equal(access.exp - access.iat, 300, 'the client\'s access-token lifetime from the seed');

    const id = claimsOf(body.id_token);
    assert.equal(id.aud, 'orders-web');
    assert.equal(id.sub, access.sub);
    assert.equal(id.email, 'alice@example.com');
    assert.equal(id.name, 'Alice Example');
    assert.equal(id.tenant, 'contoso');
  });

  it('refuses extra claims that would forge what the server decides', async () => {
    const { status, body } = await mint(auth, 'alice', 'openid', { extraClaims: { sub: 'someone-else' } });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_request');
  });

  it('answers userinfo for a minted access token', async () => {
    const { body: tokens } = await mint(auth, 'alice', 'openid profile email');
    const { status, body } = await sendJson(auth.url('/oauth/userinfo'), { bearer: tokens.access_token });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.sub, claimsOf(tokens.access_token).sub);
    assert.equal(body.preferred_username, 'alice');
    assert.equal(body.email, 'alice@example.com');
  });

  it('forgets users and tokens on reset and brings the seed back', async () => {
    const adminToken = await clientToken(auth, admin, 'admin.users.write');
    const created = await sendJson(auth.url('/admin/v1/users'), {
      method: 'POST', bearer: adminToken, json: { user_name: 'bob', password: 'bob-password-for-tests' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const bobBefore = await mint(auth, 'bob', 'openid');
    assert.equal(bobBefore.status, 200, 'a user created by the test can sign in');
    const { body: alice } = await mint(auth, 'alice', 'openid offline_access');
    assert.ok(alice.refresh_token);

    const reset = await sendJson(auth.url('/testing/reset'), { method: 'POST' });
    assert.equal(reset.status, 204);

    const bobAfter = await mint(auth, 'bob', 'openid');
    assert.equal(bobAfter.status, 400);
    assert.equal(bobAfter.body.error, 'invalid_grant', 'the user created by the test is gone');
    // Stored tokens go with the reset: a refresh token from before it is refused. (An access token is a self-contained
    // JWT signed with the keys the reset keeps: it is refused where its user is looked up, as at userinfo, since the
    // seeded alice comes back as a new user; see docs/testing.md.)
    const refreshed = await postForm(auth.url('/oauth/token'), { grant_type: 'refresh_token', refresh_token: alice.refresh_token }, web);
    assert.equal(refreshed.status, 400);
    assert.equal(refreshed.body.error, 'invalid_grant');
    assert.equal((await sendJson(auth.url('/oauth/userinfo'), { bearer: alice.access_token })).status, 401);
    assert.equal((await mint(auth, 'alice', 'openid')).status, 200, 'the seeded user is back');
  });

  it('expires an access token by moving the clock, without waiting', async (t) => {
    t.after(() => sendJson(auth.url('/testing/clock'), { method: 'POST', json: { offset_seconds: 0 } }));
    const { body: tokens } = await mint(auth, 'alice', 'openid orders.read');
    assert.equal((await introspect(auth, tokens.access_token)).active, true);

    const moved = await sendJson(auth.url('/testing/clock'), { method: 'POST', json: { advance_seconds: 301 } });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.offset_seconds, 301);
    assert.ok(Math.abs(Date.parse(moved.body.now) - (Date.now() + 301_000)) < 30_000, 'now is the moved time');

    assert.deepEqual(await introspect(auth, tokens.access_token), { active: false });
    const userinfo = await sendJson(auth.url('/oauth/userinfo'), { bearer: tokens.access_token });
    assert.equal(userinfo.status, 401);
  });
});

describe('two ephemeral servers side by side', () => {
  let first;
  let second;

  before(async () => {
    [first, second] = await Promise.all([startAuth(), startAuth()]);
  });

  after(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('get ports and issuers of their own and share nothing', async () => {
    assert.notEqual(first.port, second.port);
    assert.notEqual(first.issuer, second.issuer);
    assert.notEqual(first.pid, second.pid);

    // A user created in one does not exist in the other.
    const adminToken = await clientToken(first, admin, 'admin.users.write');
    const created = await sendJson(first.url('/admin/v1/users'), {
      method: 'POST', bearer: adminToken, json: { user_name: 'carol', password: 'carol-password-for-tests' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await mint(first, 'carol', 'openid')).status, 200);
    assert.equal((await mint(second, 'carol', 'openid')).status, 400);

    // Each signs with keys of its own: a token of one is nothing to the other.
    const { body: tokens } = await mint(first, 'alice', 'openid orders.read');
    assert.equal((await introspect(first, tokens.access_token)).active, true);
    assert.equal((await introspect(second, tokens.access_token)).active, false);
    const discovery = (await sendJson(first.url('/.well-known/openid-configuration'))).body;
    const jwks = async (auth) => (await sendJson(new URL(new URL(discovery.jwks_uri).pathname, auth.issuer).href)).body.keys.map((k) => k.kid);
    assert.notDeepEqual(await jwks(first), await jwks(second));

    // Moving one clock leaves the other's alone.
    await sendJson(first.url('/testing/clock'), { method: 'POST', json: { offset_seconds: 3600 } });
    assert.equal((await sendJson(second.url('/testing/clock'))).body.offset_seconds, 0);
  });
});

// The bench's reference server: oidc-provider with one client_credentials client (client_secret_basic), RS256 JWT
// access tokens for one resource server (resource indicators), introspection and revocation. One worker per core
// through node's cluster module; the primary holds the token store, so a token issued by one worker can be
// introspected or revoked through another (oidc-provider's memory adapter is per process).
//   PEER_PORT=… PEER_WORKERS=2 node server.js
import cluster from 'node:cluster';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import os from 'node:os';

const port = Number(process.env.PEER_PORT ?? 3900);
const workers = Number(process.env.PEER_WORKERS ?? os.availableParallelism());
const issuer = `http://127.0.0.1:${port}`;
const resource = 'urn:bench:orders-api';
// oidc-provider refuses to introspect structured (JWT) tokens, so the introspection scenario asks for this resource,
// whose access tokens are opaque.
const opaqueResource = 'urn:bench:opaque-api';
const maxStoredEntries = 500_000;

if (cluster.isPrimary) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-rs256', use: 'sig', alg: 'RS256' };
  const store = new Map();
  const answer = (worker, id, result) => worker.send({ id, result });

  for (let i = 0; i < workers; i++) {
    cluster.fork({ PEER_JWK: JSON.stringify(jwk) });
  }

  cluster.on('message', (worker, message) => {
    const { id, op, key, payload, expiresAt } = message;
    const entry = store.get(key);
    const live = entry && (!entry.expiresAt || entry.expiresAt > Date.now()) ? entry : undefined;
    switch (op) {
      case 'upsert':
        store.set(key, { payload, expiresAt });
        if (store.size > maxStoredEntries) store.delete(store.keys().next().value);
        return answer(worker, id, null);
      case 'find':
        return answer(worker, id, live?.payload ?? null);
      case 'consume':
        if (live) live.payload.consumed = Math.floor(Date.now() / 1000);
        return answer(worker, id, null);
      case 'destroy':
        store.delete(key);
        return answer(worker, id, null);
      case 'revokeByGrantId':
        for (const [k, v] of store) if (v.payload?.grantId === payload) store.delete(k);
        return answer(worker, id, null);
      default:
        return answer(worker, id, null);
    }
  });

  const stop = () => { for (const worker of Object.values(cluster.workers)) worker.kill(); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const { default: Provider } = await import('oidc-provider');
  let next = 0;
  const pending = new Map();
  process.on('message', ({ id, result }) => { pending.get(id)?.(result); pending.delete(id); });
  const call = (message) => new Promise((resolve) => {
    const id = next++;
    pending.set(id, resolve);
    process.send({ ...message, id });
  });

  class PrimaryStore {
    constructor(model) { this.model = model; }
    key(id) { return `${this.model}:${id}`; }
    upsert(id, payload, expiresIn) {
      return call({ op: 'upsert', key: this.key(id), payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : 0 });
    }
    async find(id) { return (await call({ op: 'find', key: this.key(id) })) ?? undefined; }
    findByUid() { return undefined; }
    findByUserCode() { return undefined; }
    consume(id) { return call({ op: 'consume', key: this.key(id) }); }
    destroy(id) { return call({ op: 'destroy', key: this.key(id) }); }
    revokeByGrantId(grantId) { return call({ op: 'revokeByGrantId', payload: grantId }); }
  }

  const provider = new Provider(issuer, {
    adapter: PrimaryStore,
    jwks: { keys: [JSON.parse(process.env.PEER_JWK)] },
    cookies: { keys: ['bench-peer-cookie-key-not-secret'] },
    scopes: ['orders.read'],
    clients: [
      {
        client_id: 'bench-service',
        client_secret: 'bench-service-secret',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'orders.read',
      },
      {
        client_id: 'bench-api',
        client_secret: 'bench-api-secret',
        grant_types: [],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: async () => true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => (indicator === opaqueResource
          ? { scope: 'orders.read', audience: 'opaque-api', accessTokenTTL: 900, accessTokenFormat: 'opaque' }
          : {
            scope: 'orders.read',
            audience: 'orders-api',
            accessTokenTTL: 900,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }),
      },
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('peer server_error', error));

  createServer(provider.callback()).listen(port, '127.0.0.1');
}

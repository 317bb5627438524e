// openid-client authenticating with private_key_jwt (RFC 7523 §2.2) for a client_credentials grant.
// Argument: {"issuer", "clientId", "privateJwk", "alg", "scope"}; prints the token response as one JSON line.
import * as client from 'openid-client';

const { issuer, clientId, privateJwk, alg, scope } = JSON.parse(process.argv[2]);
const algorithms = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
};
const key = await crypto.subtle.importKey('jwk', privateJwk, algorithms[alg], false, ['sign']);
const config = await client.discovery(
  new URL(issuer),
  clientId,
  undefined,
  client.PrivateKeyJwt({ key, kid: privateJwk.kid }),
  { execute: [client.allowInsecureRequests] });
const tokens = await client.clientCredentialsGrant(config, { scope });
console.log(JSON.stringify(tokens));

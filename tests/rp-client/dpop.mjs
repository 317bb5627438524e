// DPoP (RFC 9449) as openid-client does it: every token request and every call to a protected resource carries a
// proof signed by the client's key, and the server's nonces are answered automatically.
// Step "start": a new P-256 key (exported so the next step can use it), PKCE, state, nonce and a pushed authorization
//   request sent with a proof; prints the authorization URL the browser opens and the key.
// Step "finish": the callback URL redeemed for DPoP-bound tokens, userinfo called with them, the refresh token used;
//   prints the token responses, the ID token's claims and the userinfo answer.
// Step "client_credentials": a bound client-credentials token, then a GET of input.resource with it; prints both.
import * as client from 'openid-client';

const input = JSON.parse(process.argv[2]);
const authentication = input.clientSecret ? client.ClientSecretBasic(input.clientSecret) : client.None();
const config = await client.discovery(new URL(input.issuer), input.clientId, undefined, authentication,
  { execute: [client.allowInsecureRequests] });

async function importKeys(keys) {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  return {
    privateKey: await crypto.subtle.importKey('jwk', keys.privateJwk, algorithm, false, ['sign']),
    publicKey: await crypto.subtle.importKey('jwk', keys.publicJwk, algorithm, true, ['verify']),
  };
}

if (input.step === 'start') {
  const keyPair = await client.randomDPoPKeyPair('ES256', { extractable: true });
  const keys = {
    privateJwk: await crypto.subtle.exportKey('jwk', keyPair.privateKey),
    publicJwk: await crypto.subtle.exportKey('jwk', keyPair.publicKey),
  };
  const DPoP = client.getDPoPHandle(config, keyPair);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: input.redirectUri,
    scope: input.scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  }, { DPoP });
  console.log(JSON.stringify({ authorizationUrl: url.href, codeVerifier, state, nonce, keys }));
} else if (input.step === 'finish') {
  const DPoP = client.getDPoPHandle(config, await importKeys(input.keys));
  const tokens = await client.authorizationCodeGrant(config, new URL(input.callbackUrl), {
    pkceCodeVerifier: input.codeVerifier,
    expectedState: input.state,
    expectedNonce: input.nonce,
    idTokenExpected: true,
  }, undefined, { DPoP });
  const claims = tokens.claims();
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub, { DPoP });
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP });
  console.log(JSON.stringify({ tokens, claims, userinfo, refreshed }));
} else if (input.step === 'client_credentials') {
  const keyPair = await client.randomDPoPKeyPair('ES256');
  const DPoP = client.getDPoPHandle(config, keyPair);
  const tokens = await client.clientCredentialsGrant(config, { scope: input.scope }, { DPoP });
  const response = await client.fetchProtectedResource(config, tokens.access_token, new URL(input.resource), 'GET', undefined, undefined, { DPoP });
  console.log(JSON.stringify({ tokens, status: response.status, body: await response.json() }));
} else {
  throw new Error(`unknown step ${input.step}`);
}

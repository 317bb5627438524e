// The authorization code flow as openid-client does it, with the request sent one of two ways: pushed (RFC 9126,
// "send": "par", the default) or as a signed request object in the URL (RFC 9101, "send": "jar", signed with
// "privateJwk", which also authenticates the client: private_key_jwt).
// Step "start": discovery, PKCE, state and nonce, the request; prints the authorization URL the browser opens.
// Step "finish": the callback URL the browser was sent to, redeemed for tokens (openid-client checks the ID token,
// the state, the nonce and the RFC 9207 iss); prints the token response and the ID token's claims.
import * as client from 'openid-client';

const input = JSON.parse(process.argv[2]);
const algorithms = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
};
const signingKey = input.privateJwk
  ? { key: await crypto.subtle.importKey('jwk', input.privateJwk, algorithms[input.alg ?? 'RS256'], false, ['sign']), kid: input.privateJwk.kid }
  : undefined;
const authentication = signingKey
  ? client.PrivateKeyJwt(signingKey)
  : input.clientSecret ? client.ClientSecretBasic(input.clientSecret) : client.None();
const config = await client.discovery(new URL(input.issuer), input.clientId, undefined, authentication,
  { execute: [client.allowInsecureRequests] });

if (input.step === 'start') {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const parameters = {
    redirect_uri: input.redirectUri,
    scope: input.scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(input.extra ?? {}),
  };
  const url = input.send === 'jar'
    ? await client.buildAuthorizationUrlWithJAR(config, parameters, signingKey)
    : await client.buildAuthorizationUrlWithPAR(config, parameters);
  console.log(JSON.stringify({
    authorizationUrl: url.href,
    codeVerifier,
    state,
    nonce,
    pushedAuthorizationRequestEndpoint: config.serverMetadata().pushed_authorization_request_endpoint,
  }));
} else if (input.step === 'finish') {
  const tokens = await client.authorizationCodeGrant(config, new URL(input.callbackUrl), {
    pkceCodeVerifier: input.codeVerifier,
    expectedState: input.state,
    expectedNonce: input.nonce,
    idTokenExpected: true,
  });
  console.log(JSON.stringify({ tokens, claims: tokens.claims() }));
} else {
  throw new Error(`unknown step ${input.step}`);
}

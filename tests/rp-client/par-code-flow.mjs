// The authorization code flow with a pushed authorization request (RFC 9126), as openid-client does it.
// Step "start": discovery, PKCE, state and nonce, the pushed request; prints the authorization URL the browser opens.
// Step "finish": the callback URL the browser was sent to, redeemed for tokens (openid-client checks the ID token,
// the state, the nonce and the RFC 9207 iss); prints the token response and the ID token's claims.
import * as client from 'openid-client';

const input = JSON.parse(process.argv[2]);
const authentication = input.clientSecret ? client.ClientSecretBasic(input.clientSecret) : client.None();
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
  const url = await client.buildAuthorizationUrlWithPAR(config, parameters);
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

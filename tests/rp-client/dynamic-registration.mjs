// Dynamic client registration (RFC 7591) as openid-client does it: discovery finds registration_endpoint, the client
// registers its metadata (with an initial access token when given) and gets a configuration for the new client;
// then, unless told not to, it uses it: a client_credentials grant when registered for one, else an authorization URL.
// Prints the registered client's metadata (client_id, client_secret, registration_access_token, ...) and what it did.
import * as client from 'openid-client';

const input = JSON.parse(process.argv[2]);
const config = await client.dynamicClientRegistration(new URL(input.issuer), input.metadata, undefined, {
  execute: [client.allowInsecureRequests],
  ...(input.initialAccessToken ? { initialAccessToken: input.initialAccessToken } : {}),
});
const metadata = config.clientMetadata();
let used = null;
if ((metadata.grant_types ?? []).includes('client_credentials')) {
  const tokens = await client.clientCredentialsGrant(config, { scope: input.scope });
  used = { access_token: tokens.access_token, scope: tokens.scope };
} else if (input.redirectUri) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: input.scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: client.randomState(),
  });
  used = { authorizationUrl: url.href };
}
console.log(JSON.stringify({ metadata, used }));

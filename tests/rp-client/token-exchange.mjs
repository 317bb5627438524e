// openid-client exchanging a user's access token (RFC 8693) with the generic grant, then using the token it got:
// introspection (as the exchanging client) and userinfo.
// Argument: {"issuer", "clientId", "clientSecret", "subjectToken", "actorToken"?, "scope", "audience"?};
// prints {"tokens", "introspection", "userinfo"} as one JSON line.
import * as client from 'openid-client';

const { issuer, clientId, clientSecret, subjectToken, actorToken, scope, audience } = JSON.parse(process.argv[2]);
const accessTokenType = 'urn:ietf:params:oauth:token-type:access_token';
const config = await client.discovery(
  new URL(issuer),
  clientId,
  undefined,
  client.ClientSecretBasic(clientSecret),
  { execute: [client.allowInsecureRequests] });

const parameters = { subject_token: subjectToken, subject_token_type: accessTokenType, scope };
if (audience) {
  parameters.audience = audience;
}
if (actorToken) {
  parameters.actor_token = actorToken;
  parameters.actor_token_type = accessTokenType;
}

const tokens = await client.genericGrantRequest(config, 'urn:ietf:params:oauth:grant-type:token-exchange', parameters);
const introspection = await client.tokenIntrospection(config, tokens.access_token);
const userinfo = await client.fetchUserInfo(config, tokens.access_token, introspection.sub);
console.log(JSON.stringify({ tokens, introspection, userinfo }));

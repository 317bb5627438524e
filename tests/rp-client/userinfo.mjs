// Userinfo as openid-client fetches it for a client registered with userinfo_signed_response_alg (OpenID Connect
// Core §5.3.2): the answer is a JWT, which openid-client checks against the server's JWKS (signature, iss, aud).
// Input: issuer, clientId, clientSecret, accessToken, subject, and signedAlg (the client's registered algorithm, or
// absent for JSON). Prints {"userinfo"} as one JSON line.
import * as client from 'openid-client';

const input = JSON.parse(process.argv[2]);
const metadata = input.signedAlg ? { userinfo_signed_response_alg: input.signedAlg } : undefined;
const config = await client.discovery(new URL(input.issuer), input.clientId, metadata, client.ClientSecretBasic(input.clientSecret),
  { execute: [client.allowInsecureRequests] });
const userinfo = await client.fetchUserInfo(config, input.accessToken, input.subject);
console.log(JSON.stringify({ userinfo }));

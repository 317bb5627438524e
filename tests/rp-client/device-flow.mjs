// The device authorization grant (RFC 8628), as openid-client does it.
// Step "start": discovery and the device authorization request; prints the response (user_code, verification URIs,
// device_code, interval) for the test's browser. Step "finish": polls the token endpoint with that response, as
// openid-client does (waiting the interval, slowing down when told), and prints the token response and the ID token's claims.
import * as client from 'openid-client';

const input = JSON.parse(process.argv[2]);
const authentication = input.clientSecret ? client.ClientSecretBasic(input.clientSecret) : client.None();
const config = await client.discovery(new URL(input.issuer), input.clientId, undefined, authentication,
  { execute: [client.allowInsecureRequests] });

if (input.step === 'start') {
  const response = await client.initiateDeviceAuthorization(config, { scope: input.scope });
  console.log(JSON.stringify({ response, deviceAuthorizationEndpoint: config.serverMetadata().device_authorization_endpoint }));
} else if (input.step === 'finish') {
  try {
    const tokens = await client.pollDeviceAuthorizationGrant(config, input.response);
    console.log(JSON.stringify({ tokens, claims: tokens.claims() ?? null }));
  } catch (error) {
    // A refusal the device sees (access_denied, expired_token) is the result, not a failure of the script.
    console.log(JSON.stringify({ error: error.error ?? error.code ?? error.name, description: error.error_description ?? error.message }));
  }
} else {
  throw new Error(`unknown step ${input.step}`);
}

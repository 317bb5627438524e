using Auth.Api.Tests.Hosting;

namespace Auth.Browser.Tests.Hosting;

/// <summary>
/// The known world of the browser tests: a user, an API scope, a public client whose callback the test serves
/// itself, and a confidential client for the relying party. Redirect URIs name loopback ports chosen up front.
/// </summary>
public sealed class BrowserSeed
{
    public const string UserName = "alice";
    public const string Password = "alice-password-1";
    public const string DisplayName = "Alice Example";
    public const string GivenName = "Alice";
    public const string FamilyName = "Example";
    public const string Email = "alice@example.com";

    public const string PublicClientId = "browser-app";
    public const string PublicClientName = "Browser App";
    public const string WebClientId = "web-app";
    public const string WebClientSecret = "web-app-secret-0001";
    public const string WebClientName = "Web App";

    public int CallbackPort { get; } = LoopbackPorts.Next();

    public int RelyingPartyPort { get; } = LoopbackPorts.Next();

    public int OrdersApiPort { get; } = LoopbackPorts.Next();

    public Uri Callback => new(LoopbackApp.Address(CallbackPort), "callback");

    public Uri RelyingParty => LoopbackApp.Address(RelyingPartyPort);

    public Uri OrdersApi => LoopbackApp.Address(OrdersApiPort);

    public string Json => $$"""
        {
          "scopes": [
            { "name": "{{TestSeed.OrdersRead}}", "displayName": "Read orders", "resources": ["{{TestSeed.OrdersApi}}"] },
          ],
          "clients": [
            {
              "clientId": "{{PublicClientId}}", "displayName": "{{PublicClientName}}",
              "grantTypes": ["authorization_code", "refresh_token"],
              "scopes": ["openid", "profile", "email", "offline_access", "{{TestSeed.Mfa}}", "{{TestSeed.OrdersRead}}"],
              "redirectUris": ["{{Callback.AbsoluteUri}}"],
              "firstParty": true,
            },
            {
              "clientId": "{{WebClientId}}", "clientSecret": "{{WebClientSecret}}", "displayName": "{{WebClientName}}",
              "grantTypes": ["authorization_code", "refresh_token"],
              "scopes": ["openid", "profile", "email", "offline_access", "{{TestSeed.OrdersRead}}"],
              "redirectUris": ["{{RelyingParty.AbsoluteUri}}signin-oidc"],
              "postLogoutRedirectUris": ["{{RelyingParty.AbsoluteUri}}signout-callback-oidc"],
              "firstParty": true,
            },
          ],
          "users": [
            {
              "userName": "{{UserName}}", "password": "{{Password}}", "displayName": "{{DisplayName}}",
              "givenName": "{{GivenName}}", "familyName": "{{FamilyName}}", "email": "{{Email}}",
            },
          ],
        }
        """;

    public string WriteTo(string directory)
    {
        var path = Path.Combine(directory, "browser-seed.json");
        File.WriteAllText(path, Json);
        return path;
    }
}

using Auth.Api.Tests.Hosting;

namespace Auth.Browser.Tests.Hosting;

/// <summary>
/// The known world of the browser tests: a user, an API scope, a public client whose callback the test serves
/// itself, confidential clients for the relying parties (one mapping a group to a role, one requiring a second
/// factor), and a SCIM provisioning client. Redirect URIs name loopback ports chosen up front.
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

    /// <summary>The directory's provisioning client, as Entra ID's or Okta's provisioning service uses it.</summary>
    public const string ScimClientId = "directory-sync";
    public const string ScimClientSecret = "directory-sync-secret-0001";

    /// <summary>A group whose members hold the web app's role <see cref="ApproverRole"/>.</summary>
    public const string ApproverGroup = "Finance Approvers";
    public const string ApproverRole = "approver";

    /// <summary>A browser app: a public client whose page, on its own origin, calls the token and userinfo endpoints itself (CORS).</summary>
    public const string SpaClientId = "spa";

    /// <summary>A confidential client whose users must give a second factor.</summary>
    public const string MfaClientId = "payroll";
    public const string MfaClientSecret = "payroll-secret-0001";

    public int CallbackPort { get; } = LoopbackPorts.Next();

    public int RelyingPartyPort { get; } = LoopbackPorts.Next();

    public int OrdersApiPort { get; } = LoopbackPorts.Next();

    public int MfaRelyingPartyPort { get; } = LoopbackPorts.Next();

    public int SpaPort { get; } = LoopbackPorts.Next();

    /// <summary>The browser app's page and redirect URI; its origin is the one the client lists.</summary>
    public Uri Spa => LoopbackApp.Address(SpaPort);

    public Uri Callback => new(LoopbackApp.Address(CallbackPort), "callback");

    public Uri RelyingParty => LoopbackApp.Address(RelyingPartyPort);

    public Uri OrdersApi => LoopbackApp.Address(OrdersApiPort);

    public Uri MfaRelyingParty => LoopbackApp.Address(MfaRelyingPartyPort);

    public string Json => $$"""
        {
          "scopes": [
            { "name": "{{TestSeed.OrdersRead}}", "displayName": "Read orders", "resources": ["{{TestSeed.OrdersApi}}"] },
            { "name": "scim", "displayName": "SCIM provisioning", "resources": ["scim"] },
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
              "scopes": ["openid", "profile", "email", "offline_access", "groups", "{{TestSeed.OrdersRead}}"],
              "redirectUris": ["{{RelyingParty.AbsoluteUri}}signin-oidc"],
              "postLogoutRedirectUris": ["{{RelyingParty.AbsoluteUri}}signout-callback-oidc"],
              "frontchannelLogoutUri": "{{RelyingParty.AbsoluteUri}}frontchannel-logout",
              "firstParty": true,
              "roles": { "{{ApproverRole}}": ["{{ApproverGroup}}"] },
            },
            {
              "clientId": "{{MfaClientId}}", "clientSecret": "{{MfaClientSecret}}", "displayName": "Payroll", "requireMfa": true,
              "grantTypes": ["authorization_code"],
              "scopes": ["openid", "profile", "email", "{{TestSeed.OrdersRead}}"],
              "redirectUris": ["{{MfaRelyingParty.AbsoluteUri}}signin-oidc"],
              "firstParty": true,
            },
            {
              "clientId": "{{SpaClientId}}", "displayName": "Browser SPA",
              "grantTypes": ["authorization_code", "refresh_token"],
              "scopes": ["openid", "profile", "offline_access"],
              "redirectUris": ["{{Spa.AbsoluteUri}}"],
              "allowedCorsOrigins": ["{{Spa.AbsoluteUri.TrimEnd('/')}}"],
              "firstParty": true,
            },
            { "clientId": "{{ScimClientId}}", "clientSecret": "{{ScimClientSecret}}", "grantTypes": ["client_credentials"], "scopes": ["scim"] },
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

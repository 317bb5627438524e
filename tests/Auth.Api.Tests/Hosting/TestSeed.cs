namespace Auth.Api.Tests.Hosting;

/// <summary>The known world of the functional tests, written as a real seed file.</summary>
public static class TestSeed
{
    public const string OrdersRead = "orders.read";
    public const string OrdersWrite = "orders.write";
    public const string OrdersApi = "orders-api";

    /// <summary>The built-in scope of the MFA API, and the scopes a first-party app asks for to manage the second factor.</summary>
    public const string Mfa = "mfa";
    public const string MfaScopes = "openid mfa";

    public static readonly TestClient ServiceA = new("service-a", "service-a-secret-0001");
    public static readonly TestClient ServiceB = new("service-b", "service-b-secret-0002");
    public static readonly TestClient OrdersApiClient = new(OrdersApi, "orders-api-secret-0003");

    /// <summary>A secret with every character RFC 6749 §2.3.1 says must be form-encoded before Basic encoding.</summary>
    public static readonly TestClient OddSecret = new("odd-secret", "s3cr:et+with%25odd chars&=");

    public const int ServiceBLifetimeSeconds = 900;

    /// <summary>A confidential web application (first party: no consent page), PKCE required by default.</summary>
    public static readonly TestClient WebApp = new("web-app", "web-app-secret-0004");
    public const string WebAppCallback = "https://app.example/cb";
    public const string WebAppSignedOut = "https://app.example/signed-out";

    /// <summary>A public client (no secret): PKCE is always required.</summary>
    public const string SpaId = "spa";
    public const string SpaCallback = "https://spa.example/cb";

    /// <summary>A confidential client that opted out of PKCE, for the downgrade test.</summary>
    public static readonly TestClient NoPkceApp = new("no-pkce-app", "no-pkce-app-secret-0005");
    public const string NoPkceCallback = "https://nopkce.example/cb";

    /// <summary>A third-party client: users are asked for consent.</summary>
    public static readonly TestClient PartnerApp = new("partner-app", "partner-app-secret-0006");
    public const string PartnerCallback = "https://partner.example/cb";

    /// <summary>A client whose userinfo answers are signed JWTs (userinfoSignedResponseAlg in the seed file).</summary>
    public static readonly TestClient SignedUserInfoApp = new("signed-userinfo-app", "signed-userinfo-app-secret-0021");
    public const string SignedUserInfoCallback = "https://signed-userinfo-app.example/cb";

    /// <summary>A client with two redirect URIs, so a request without redirect_uri is ambiguous.</summary>
    public static readonly TestClient TwoUriApp = new("two-uri-app", "two-uri-app-secret-0007");

    public const int WebAppAbsoluteRefreshSeconds = 86_400;

    public const string UserPassword = "alice-password-1";

    /// <summary>The provisioning client Okta or Entra ID would use: client_credentials with the scim scope.</summary>
    public static readonly TestClient ScimClient = new("scim-client", "scim-client-secret-0008");

    /// <summary>A client whose users must give a second factor.</summary>
    public static readonly TestClient MfaApp = new("mfa-app", "mfa-app-secret-0010");
    public const string MfaCallback = "https://mfa.example/cb";

    /// <summary>A second provisioning client: externalIds are unique per client.</summary>
    public static readonly TestClient OtherScimClient = new("other-scim-client", "other-scim-client-secret-0009");

    /// <summary>An operator's tool reading the audit log: client_credentials with the admin scope.</summary>
    public static readonly TestClient AdminClient = new("audit-reader", "audit-reader-secret-0011");

    /// <summary>Admin API clients with one admin scope each (issue #16): the audit log's reader, the signing keys' keeper, the users' reader.</summary>
    public static readonly TestClient AdminAuditReader = new("admin-audit-reader", "admin-audit-reader-secret-0015");
    public static readonly TestClient AdminKeysKeeper = new("admin-keys-keeper", "admin-keys-keeper-secret-0016");
    public static readonly TestClient AdminUsersReader = new("admin-users-reader", "admin-users-reader-secret-0017");
    public static readonly TestClient AdminIdentityProvidersKeeper = new("admin-idp-keeper", "admin-idp-keeper-secret-0019");
    public static readonly TestClient AdminUsersWriter = new("admin-users-writer", "admin-users-writer-secret-0018");
    public static readonly TestClient AdminClientsKeeper = new("admin-clients-keeper", "admin-clients-keeper-secret-0018");

    /// <summary>A client_credentials client whose registration lists user scopes: the token endpoint must still refuse them.</summary>
    public static readonly TestClient UserScopesService = new("user-scopes-service", "user-scopes-service-secret-0012");

    /// <summary>An internal app that reads the directory's groups and maps some of them to its own roles.</summary>
    public static readonly TestClient HrPortal = new("hr-portal", "hr-portal-secret-0013");
    public const string HrPortalCallback = "https://hr.example/cb";
    public const string ApproverGroup = "Finance Approvers";
    public const string HrAdminsGroup = "HR Admins";
    public const string ItAdminsGroup = "IT Admins";

    /// <summary>An app whose groups claim lists the groups' ids rather than their names.</summary>
    public static readonly TestClient GroupIdsApp = new("group-ids-app", "group-ids-app-secret-0014");
    public const string GroupIdsCallback = "https://group-ids.example/cb";

    public static string Json => $$"""
        {
          // comments and trailing commas are allowed in seed files
          "scopes": [
            { "name": "{{OrdersRead}}", "displayName": "Read orders", "resources": ["{{OrdersApi}}"] },
            { "name": "{{OrdersWrite}}", "displayName": "Change orders", "resources": ["{{OrdersApi}}"] },
            { "name": "scim", "displayName": "SCIM provisioning", "resources": ["scim"] },
            { "name": "admin", "displayName": "Administration", "resources": ["admin"] },
          ],
          "clients": [
            { "clientId": "{{ServiceA.Id}}", "clientSecret": "{{ServiceA.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["{{OrdersRead}}", "{{OrdersWrite}}"] },
            { "clientId": "{{ServiceB.Id}}", "clientSecret": "{{ServiceB.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["{{OrdersRead}}"], "accessTokenLifetime": {{ServiceBLifetimeSeconds}} },
            { "clientId": "{{OrdersApiClient.Id}}", "clientSecret": "{{OrdersApiClient.Secret}}", "grantTypes": ["client_credentials"] },
            { "clientId": "{{OddSecret.Id}}", "clientSecret": "{{OddSecret.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["{{OrdersRead}}"] },
            { "clientId": "{{WebApp.Id}}", "clientSecret": "{{WebApp.Secret}}", "displayName": "Web App", "grantTypes": ["authorization_code", "refresh_token"],
              "scopes": ["openid", "profile", "email", "offline_access", "{{Mfa}}", "{{OrdersRead}}"], "redirectUris": ["{{WebAppCallback}}"],
              "postLogoutRedirectUris": ["{{WebAppSignedOut}}"], "refreshTokenAbsoluteLifetime": {{WebAppAbsoluteRefreshSeconds}} },
            { "clientId": "{{SpaId}}", "displayName": "Single-page app", "grantTypes": ["authorization_code", "refresh_token"],
              "scopes": ["openid", "profile", "offline_access"], "redirectUris": ["{{SpaCallback}}"],
              "allowedCorsOrigins": ["https://SPA.example:443/", "http://localhost:5173"] },
            { "clientId": "{{SignedUserInfoApp.Id}}", "clientSecret": "{{SignedUserInfoApp.Secret}}", "grantTypes": ["authorization_code"],
              "scopes": ["openid", "profile", "email"], "redirectUris": ["{{SignedUserInfoCallback}}"], "userinfoSignedResponseAlg": "RS256" },
            { "clientId": "{{NoPkceApp.Id}}", "clientSecret": "{{NoPkceApp.Secret}}", "grantTypes": ["authorization_code"], "requirePkce": false,
              "scopes": ["openid"], "redirectUris": ["{{NoPkceCallback}}"] },
            { "clientId": "{{PartnerApp.Id}}", "clientSecret": "{{PartnerApp.Secret}}", "displayName": "Partner Portal", "firstParty": false,
              "grantTypes": ["authorization_code"], "scopes": ["openid", "profile", "groups", "{{Mfa}}", "{{OrdersRead}}"], "redirectUris": ["{{PartnerCallback}}"] },
            { "clientId": "{{MfaApp.Id}}", "clientSecret": "{{MfaApp.Secret}}", "displayName": "Payroll", "requireMfa": true,
              "grantTypes": ["authorization_code"], "scopes": ["openid", "profile"], "redirectUris": ["{{MfaCallback}}"] },
            { "clientId": "{{ScimClient.Id}}", "clientSecret": "{{ScimClient.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["scim"] },
            { "clientId": "{{OtherScimClient.Id}}", "clientSecret": "{{OtherScimClient.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["scim"] },
            { "clientId": "{{AdminClient.Id}}", "clientSecret": "{{AdminClient.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["admin"] },
            { "clientId": "{{AdminAuditReader.Id}}", "clientSecret": "{{AdminAuditReader.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["admin.audit.read"] },
            { "clientId": "{{AdminKeysKeeper.Id}}", "clientSecret": "{{AdminKeysKeeper.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["admin.keys"] },
            { "clientId": "{{AdminUsersReader.Id}}", "clientSecret": "{{AdminUsersReader.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["admin.users.read"] },
            { "clientId": "{{AdminIdentityProvidersKeeper.Id}}", "clientSecret": "{{AdminIdentityProvidersKeeper.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["admin.identity-providers.read", "admin.identity-providers.write"] },
            { "clientId": "{{AdminUsersWriter.Id}}", "clientSecret": "{{AdminUsersWriter.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["admin.users.read", "admin.users.write"] },
            { "clientId": "{{AdminClientsKeeper.Id}}", "clientSecret": "{{AdminClientsKeeper.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["admin.clients.read", "admin.clients.write"] },
            { "clientId": "{{UserScopesService.Id}}", "clientSecret": "{{UserScopesService.Secret}}", "grantTypes": ["client_credentials"],
              "scopes": ["openid", "profile", "email", "offline_access", "groups", "{{Mfa}}", "{{OrdersRead}}"] },
            { "clientId": "{{TwoUriApp.Id}}", "clientSecret": "{{TwoUriApp.Secret}}", "grantTypes": ["authorization_code"], "scopes": ["openid"],
              "redirectUris": ["https://two.example/a", "https://two.example/b"],
              "logoUri": "https://two.example/logo.png", "policyUri": "https://two.example/privacy", "tosUri": "https://two.example/terms" },
            { "clientId": "{{HrPortal.Id}}", "clientSecret": "{{HrPortal.Secret}}", "displayName": "HR Portal", "grantTypes": ["authorization_code", "refresh_token"],
              "scopes": ["openid", "profile", "offline_access", "groups"], "redirectUris": ["{{HrPortalCallback}}"],
              "roles": { "approver": ["{{ApproverGroup}}"], "admin": ["{{HrAdminsGroup}}", "{{ItAdminsGroup}}"] } },
            { "clientId": "{{GroupIdsApp.Id}}", "clientSecret": "{{GroupIdsApp.Secret}}", "grantTypes": ["authorization_code", "refresh_token"],
              "scopes": ["openid", "offline_access", "groups"], "redirectUris": ["{{GroupIdsCallback}}"], "groupsClaim": "id" },
          ],
          "users": [
            { "userName": "alice", "password": "{{UserPassword}}", "displayName": "Alice Example", "givenName": "Alice", "familyName": "Example", "email": "alice@example.com" },
          ],
        }
        """;

    public static string WriteTo(string directory)
    {
        var path = Path.Combine(directory, "seed.json");
        File.WriteAllText(path, Json);
        return path;
    }
}

public sealed record TestClient(string Id, string Secret);

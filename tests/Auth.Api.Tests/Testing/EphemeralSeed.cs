using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Testing;

/// <summary>The known world of the ephemeral-mode tests: a web app, a service, a resource server and two users.</summary>
public static class EphemeralSeed
{
    public const string WebApp = "eph-web";
    public const string WebAppSecret = "eph-web-secret-0123456789";
    public const string Service = "eph-service";
    public const string ServiceSecret = "eph-service-secret-0123456789";
    public const string Api = "eph-api";
    public const string ApiSecret = "eph-api-secret-0123456789";
    public const string Admin = "eph-admin";
    public const string AdminSecret = "eph-admin-secret-0123456789";
    public const string Alice = "alice";
    public const string AlicePassword = "alice-password-0123";

    private const string Json = """
        {
          // Comments are allowed, as in every seed file.
          "scopes": [ { "name": "orders.read", "resources": ["eph-api"] } ],
          "clients": [
            {
              "clientId": "eph-web", "clientSecret": "eph-web-secret-0123456789",
              "grantTypes": ["authorization_code", "refresh_token"],
              "scopes": ["openid", "profile", "email", "offline_access", "orders.read"],
              "redirectUris": ["http://127.0.0.1/callback"], "accessTokenLifetime": 300
            },
            {
              "clientId": "eph-service", "clientSecret": "eph-service-secret-0123456789",
              "grantTypes": ["client_credentials"], "scopes": ["orders.read"]
            },
            { "clientId": "eph-api", "clientSecret": "eph-api-secret-0123456789", "grantTypes": ["client_credentials"] },
            {
              "clientId": "eph-admin", "clientSecret": "eph-admin-secret-0123456789",
              "grantTypes": ["client_credentials"], "scopes": ["admin.users.write", "admin.users.read", "admin.clients.write", "admin.audit.read"]
            }
          ],
          "users": [
            { "userName": "alice", "password": "alice-password-0123", "displayName": "Alice Example", "email": "alice@example.com" }
          ]
        }
        """;

    /// <summary>Writes the seed file into a folder of its own (never the server's working directory) and returns its path.</summary>
    public static string Write()
    {
        var folder = TestScratch.NewFolder("ephemeral-seed-");
        var path = Path.Combine(folder.FullName, "seed.json");
        File.WriteAllText(path, Json);
        return path;
    }
}

namespace Auth.Api.Tests.Hosting;

/// <summary>The known world of the functional tests, written as a real seed file.</summary>
public static class TestSeed
{
    public const string OrdersRead = "orders.read";
    public const string OrdersWrite = "orders.write";
    public const string OrdersApi = "orders-api";

    public static readonly TestClient ServiceA = new("service-a", "service-a-secret-0001");
    public static readonly TestClient ServiceB = new("service-b", "service-b-secret-0002");
    public static readonly TestClient OrdersApiClient = new(OrdersApi, "orders-api-secret-0003");

    /// <summary>A secret with every character RFC 6749 §2.3.1 says must be form-encoded before Basic encoding.</summary>
    public static readonly TestClient OddSecret = new("odd-secret", "s3cr:et+with%25odd chars&=");

    public const int ServiceBLifetimeSeconds = 900;

    public static string Json => $$"""
        {
          // comments and trailing commas are allowed in seed files
          "scopes": [
            { "name": "{{OrdersRead}}", "displayName": "Read orders", "resources": ["{{OrdersApi}}"] },
            { "name": "{{OrdersWrite}}", "displayName": "Change orders", "resources": ["{{OrdersApi}}"] },
          ],
          "clients": [
            { "clientId": "{{ServiceA.Id}}", "clientSecret": "{{ServiceA.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["{{OrdersRead}}", "{{OrdersWrite}}"] },
            { "clientId": "{{ServiceB.Id}}", "clientSecret": "{{ServiceB.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["{{OrdersRead}}"], "accessTokenLifetime": {{ServiceBLifetimeSeconds}} },
            { "clientId": "{{OrdersApiClient.Id}}", "clientSecret": "{{OrdersApiClient.Secret}}", "grantTypes": ["client_credentials"] },
            { "clientId": "{{OddSecret.Id}}", "clientSecret": "{{OddSecret.Secret}}", "grantTypes": ["client_credentials"], "scopes": ["{{OrdersRead}}"] },
          ],
          "users": [
            { "userName": "alice", "password": "alice-password-1", "displayName": "Alice Example", "email": "alice@example.com" },
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

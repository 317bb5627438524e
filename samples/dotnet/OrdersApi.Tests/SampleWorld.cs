using Auth.Application.Clients;
using Auth.Application.Scopes;
using Auth.Application.Seed;

namespace OrdersApi.Tests;

/// <summary>What the identity server knows for these tests, from code: the orders API's scopes and two services.</summary>
public static class SampleWorld
{
    /// <summary>A service allowed orders.read.</summary>
    public const string Reader = "orders-reader";

    /// <summary>A service allowed orders.write only: its tokens are for orders-api, without orders.read.</summary>
    public const string Writer = "orders-writer";

    /// <summary>A web app that signs users in.</summary>
    public const string WebApp = "orders-web";

    public static SeedDocument Seed => new()
    {
        Scopes =
        [
            new ScopeDefinition { Name = "orders.read", Resources = ["orders-api"] },
            new ScopeDefinition { Name = "orders.write", Resources = ["orders-api"] },
        ],
        Clients =
        [
            new ClientDefinition { ClientId = Reader, ClientSecret = "orders-reader-secret-0123", GrantTypes = ["client_credentials"], Scopes = ["orders.read"] },
            new ClientDefinition { ClientId = Writer, ClientSecret = "orders-writer-secret-0123", GrantTypes = ["client_credentials"], Scopes = ["orders.write"] },
            new ClientDefinition
            {
                ClientId = WebApp,
                ClientSecret = "orders-web-secret-0123",
                GrantTypes = ["authorization_code", "refresh_token"],
                Scopes = ["openid", "profile", "orders.read"],
                RedirectUris = ["http://127.0.0.1/callback"],
                AccessTokenLifetime = 300,
            },
        ],
    };
}

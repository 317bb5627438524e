using Auth.Application.Clients;
using Auth.Application.Scopes;
using Auth.Application.Seed;
using Auth.Application.Users;

namespace Auth.Testing.Tests;

/// <summary>The seed these tests start their servers with, from code: a web app, a service, the API they call, and alice.</summary>
public static class FixtureWorld
{
    public const string WebApp = "fixture-web";
    public const string WebAppSecret = "fixture-web-secret-0123456789";
    public const string Service = "fixture-service";
    public const string ServiceSecret = "fixture-service-secret-0123456789";
    public const string Api = "orders-api";
    public const string ApiSecret = "orders-api-secret-0123456789";
    public const string RedirectUri = "http://127.0.0.1/callback";
    public const string Alice = "alice";
    public const string AlicePassword = "alice-password-0123";

    public static SeedDocument Seed => new()
    {
        Scopes = [new ScopeDefinition { Name = "orders.read", Resources = [Api] }],
        Clients =
        [
            new ClientDefinition
            {
                ClientId = WebApp,
                ClientSecret = WebAppSecret,
                GrantTypes = ["authorization_code", "refresh_token"],
                Scopes = ["openid", "profile", "email", "offline_access", "orders.read"],
                RedirectUris = [RedirectUri],
                AccessTokenLifetime = 300,
            },
            new ClientDefinition { ClientId = Service, ClientSecret = ServiceSecret, GrantTypes = ["client_credentials"], Scopes = ["orders.read"] },
            new ClientDefinition { ClientId = Api, ClientSecret = ApiSecret, GrantTypes = ["client_credentials"] },
        ],
        Users = [new UserDefinition { UserName = Alice, Password = AlicePassword, DisplayName = "Alice Example" }],
    };

    public static AuthTestServerOptions Options() => new() { Seed = Seed };
}

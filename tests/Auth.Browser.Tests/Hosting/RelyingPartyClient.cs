using Auth.Api.Tests.Hosting;

namespace Auth.Browser.Tests.Hosting;

/// <summary>Who the relying party is at our server (a client of the seed) and the scopes it asks for.</summary>
public sealed record RelyingPartyClient(string Id, string Secret, IReadOnlyList<string> Scopes)
{
    public static readonly IReadOnlyList<string> DefaultScopes = ["openid", "profile", "email", TestSeed.OrdersRead];

    public static RelyingPartyClient WebApp(params string[] extraScopes) =>
        new(BrowserSeed.WebClientId, BrowserSeed.WebClientSecret, [.. DefaultScopes, .. extraScopes]);
}

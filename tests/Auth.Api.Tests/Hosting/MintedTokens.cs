using System.Globalization;
using System.Security.Claims;
using Auth.Api.OAuth.Handlers.Token;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// Access tokens no grant would issue, signed by the server's own pipeline (OpenIddict's sign-in, the server's keys and
/// handlers): what an attacker could hold had a rule at the token or authorization endpoint slipped, so a test can check
/// that the API refuses it as well.
/// </summary>
public static class MintedTokens
{
    /// <param name="subject">A user's id; null for a client's own token (its subject is the client).</param>
    public static async Task<string> MintAccessTokenAsync(this AuthServer server, string clientId, string? subject, string[] scopes, string[] audiences)
    {
        using var scope = server.Services.CreateScope();
        var factory = scope.ServiceProvider.GetRequiredService<IOpenIddictServerFactory>();
        var dispatcher = scope.ServiceProvider.GetRequiredService<IOpenIddictServerDispatcher>();
        var transaction = await factory.CreateTransactionAsync();
        transaction.EndpointType = OpenIddictServerEndpointType.Token;
        transaction.BaseUri = server.BaseAddress;
        transaction.RequestUri = new Uri(server.BaseAddress, "oauth/token");
        transaction.Request = new OpenIddictRequest { GrantType = GrantTypes.ClientCredentials, ClientId = clientId };
        transaction.Response = new OpenIddictResponse();
        transaction.Properties[CompleteTokenResponsesOutsideHttp.OutsideHttp] = true;

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject ?? clientId);
        identity.AddClaim(new Claim(Claims.AuthenticationTime, server.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        identity.SetScopes(scopes);
        identity.SetResources(audiences);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        var context = new OpenIddictServerEvents.ProcessSignInContext(transaction) { Principal = new ClaimsPrincipal(identity) };
        await dispatcher.DispatchAsync(context);
        Assert.That(context.IsRejected, Is.False, context.ErrorDescription);
        return context.AccessToken!;
    }
}

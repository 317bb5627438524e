using Auth.Application.Clients;
using Auth.Application.Ports;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Infrastructure.Tests.OpenIddict;

/// <summary>Clients, tokens and authorizations made directly through OpenIddict, for the grant and consent tests.</summary>
internal static class OpenIddictGrants
{
    public static async Task<string> AddClientAsync(IServiceProvider services, string clientId)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IClientRegistry>().AddAsync(new ClientDefinition
        {
            ClientId = clientId,
            ClientSecret = "a-secret-of-some-length",
            GrantTypes = [ClientGrantTypes.AuthorizationCode],
            RedirectUris = ["https://app.example/callback"],
            FirstParty = false,
        }, CancellationToken.None);
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        return (await applications.GetIdAsync((await applications.FindByClientIdAsync(clientId))!))!;
    }

    public static async Task<string> AddTokenAsync(
        IServiceProvider services, string userId, string applicationId, DateTimeOffset createdAt, string status = Statuses.Valid)
    {
        await using var scope = services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var token = await tokens.CreateAsync(new OpenIddictTokenDescriptor
        {
            Subject = userId,
            ApplicationId = applicationId,
            Status = status,
            Type = TokenTypeIdentifiers.RefreshToken,
            CreationDate = createdAt,
            ExpirationDate = createdAt.AddDays(1),
        });
        return (await tokens.GetIdAsync(token))!;
    }

    public static async Task<string> AddAuthorizationAsync(
        IServiceProvider services, string userId, string applicationId, DateTimeOffset createdAt, string status = Statuses.Valid)
    {
        await using var scope = services.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var authorization = await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor
        {
            Subject = userId,
            ApplicationId = applicationId,
            Status = status,
            Type = AuthorizationTypes.AdHoc,
            CreationDate = createdAt,
        });
        return (await authorizations.GetIdAsync(authorization))!;
    }

    public static async Task<string?> TokenStatusAsync(IServiceProvider services, string tokenId)
    {
        await using var scope = services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        return await tokens.FindByIdAsync(tokenId) is { } token ? await tokens.GetStatusAsync(token) : null;
    }

    public static async Task<string?> AuthorizationStatusAsync(IServiceProvider services, string authorizationId)
    {
        await using var scope = services.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        return await authorizations.FindByIdAsync(authorizationId) is { } authorization ? await authorizations.GetStatusAsync(authorization) : null;
    }
}

using System.Collections.Immutable;
using Auth.Application.Ports;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>
/// A consent is remembered as a permanent OpenIddict authorization, withdrawn by revoking it. Tokens are not attached
/// to it: each sign-in gets its own ad-hoc authorization, so revoking one token family leaves the others alone.
/// </summary>
public sealed class OpenIddictConsentStore(
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens) : IConsentStore
{
    public async Task<bool> HasConsentedAsync(string userId, string clientId, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        if (await ApplicationIdAsync(clientId, cancellationToken) is not { } applicationId)
        {
            return false;
        }

        await foreach (var _ in authorizations.FindAsync(userId, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes.ToImmutableArray(), cancellationToken))
        {
            return true;
        }

        return false;
    }

    public async Task<IReadOnlyList<GivenConsent>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var byApplication = new Dictionary<string, (SortedSet<string> Scopes, DateTimeOffset? GivenAt)>(StringComparer.Ordinal);
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId, cancellationToken))
        {
            if (!await authorizations.HasTypeAsync(authorization, AuthorizationTypes.Permanent, cancellationToken) ||
                !await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken) ||
                await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } applicationId)
            {
                continue;
            }

            var createdAt = await authorizations.GetCreationDateAsync(authorization, cancellationToken);
            var scopes = await authorizations.GetScopesAsync(authorization, cancellationToken);
            if (!byApplication.TryGetValue(applicationId, out var consent))
            {
                consent = (new SortedSet<string>(StringComparer.Ordinal), createdAt);
            }

            consent.Scopes.UnionWith(scopes);
            byApplication[applicationId] = (consent.Scopes, consent.GivenAt is { } earlier && (createdAt is null || earlier < createdAt) ? earlier : createdAt);
        }

        var given = new List<GivenConsent>(byApplication.Count);
        foreach (var (applicationId, consent) in byApplication)
        {
            // A consent to a client removed since has nothing left to withdraw by client id.
            if (await applications.FindByIdAsync(applicationId, cancellationToken) is { } application &&
                await applications.GetClientIdAsync(application, cancellationToken) is { } clientId)
            {
                given.Add(new GivenConsent(clientId, [.. consent.Scopes], consent.GivenAt));
            }
        }

        return [.. given.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    public async Task RecordAsync(string userId, string clientId, IReadOnlyCollection<string> scopes, DateTimeOffset givenAt, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = await ApplicationIdAsync(clientId, cancellationToken)
                ?? throw new InvalidOperationException($"No client has the id '{clientId}'."),
            Subject = userId,
            Status = Statuses.Valid,
            Type = AuthorizationTypes.Permanent,
            CreationDate = givenAt,
        };
        descriptor.Scopes.UnionWith(scopes);
        await authorizations.CreateAsync(descriptor, cancellationToken);
    }

    public async Task<long> WithdrawAsync(string userId, string clientId, CancellationToken cancellationToken)
    {
        if (await ApplicationIdAsync(clientId, cancellationToken) is not { } applicationId)
        {
            return 0;
        }

        // Read each list whole before changing it: a database connection runs one command at a time.
        long revoked = 0;
        foreach (var authorization in await authorizations.FindAsync(userId, applicationId, status: null, type: null, scopes: null, cancellationToken).ToListAsync(cancellationToken))
        {
            revoked += await authorizations.TryRevokeAsync(authorization, cancellationToken) ? 1 : 0;
        }

        foreach (var token in await tokens.FindAsync(userId, applicationId, status: null, type: null, cancellationToken).ToListAsync(cancellationToken))
        {
            revoked += await tokens.TryRevokeAsync(token, cancellationToken) ? 1 : 0;
        }

        return revoked;
    }

    private async Task<string?> ApplicationIdAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application
            ? await applications.GetIdAsync(application, cancellationToken)
            : null;
}

using Auth.Application.Ports;
using Mediator;

namespace Auth.Application.Consent;

/// <summary>Whether the user has allowed a third-party client these scopes before, so the consent page can be skipped.</summary>
public sealed record HasConsented(string UserId, string ClientId, IReadOnlyList<string> Scopes) : IQuery<bool>;

public sealed class HasConsentedHandler(IConsentStore consents) : IQueryHandler<HasConsented, bool>
{
    public async ValueTask<bool> Handle(HasConsented query, CancellationToken cancellationToken) =>
        await consents.HasConsentedAsync(query.UserId, query.ClientId, query.Scopes, cancellationToken);
}

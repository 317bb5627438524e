using Auth.Application.Ports;
using Auth.Domain.IdentityProviders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.IdentityProviders;

/// <summary>
/// Home-realm discovery: the enabled provider that owns the domain of what a person typed on the login page
/// (<c>alice@contoso.com</c>), so they go straight there; null when none does, and the page asks for a password.
/// </summary>
public sealed record FindProviderForDomain(string UserNameOrEmail) : IQuery<SignInProvider?>;

/// <summary>A provider as the login page offers it.</summary>
public sealed record SignInProvider(string Id, string DisplayName);

public sealed class FindProviderForDomainHandler(IAuthDbContext db) : IQueryHandler<FindProviderForDomain, SignInProvider?>
{
    public async ValueTask<SignInProvider?> Handle(FindProviderForDomain query, CancellationToken cancellationToken)
    {
        if (IdentityProviderDomain.Of(query.UserNameOrEmail) is not { } domain)
        {
            return null;
        }

        return await db.IdentityProviderDomains.AsNoTracking()
            .Where(d => d.Domain == domain)
            .Join(db.IdentityProviders.Where(p => p.Enabled), d => d.ProviderId, p => p.Id, (d, p) => new SignInProvider(p.Id, p.DisplayName))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.IdentityProviders;

/// <summary>The enabled providers, one "Sign in with …" button each on the login page.</summary>
public sealed record ListSignInProviders : IQuery<IReadOnlyList<SignInProvider>>;

public sealed class ListSignInProvidersHandler(IAuthDbContext db) : IQueryHandler<ListSignInProviders, IReadOnlyList<SignInProvider>>
{
    public async ValueTask<IReadOnlyList<SignInProvider>> Handle(ListSignInProviders query, CancellationToken cancellationToken) =>
        await db.IdentityProviders.AsNoTracking()
            .Where(p => p.Enabled)
            .OrderBy(p => p.DisplayName).ThenBy(p => p.Id)
            .Select(p => new SignInProvider(p.Id, p.DisplayName))
            .ToListAsync(cancellationToken);
}

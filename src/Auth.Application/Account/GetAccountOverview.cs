using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Account;

/// <summary>What the account page shows of the signed-in user: who they are, and what they can manage themselves.</summary>
public sealed record GetAccountOverview(string UserId) : IQuery<AccountOverview?>;

/// <param name="ManagedByDirectory">Provisioned by an identity provider's SCIM connector: the directory owns the profile.</param>
/// <param name="HasPassword">False for people who sign in only through an identity provider, or were provisioned without one.</param>
/// <param name="HasAuthenticator">A confirmed TOTP authenticator.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
public sealed record AccountOverview(
    string UserId,
    string UserName,
    string? DisplayName,
    string? Email,
    bool ManagedByDirectory,
    bool HasPassword,
    bool HasAuthenticator,
    int RecoveryCodesLeft,
    bool IsAdministrator = false);

public sealed class GetAccountOverviewHandler(IAuthDbContext db) : IQueryHandler<GetAccountOverview, AccountOverview?>
{
    public async ValueTask<AccountOverview?> Handle(GetAccountOverview query, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == query.UserId && u.IsActive)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                Email = u.Emails.OrderByDescending(e => e.Primary).Select(e => e.Value).FirstOrDefault(),
                Directory = u.ExternalIdIssuer,
                HasPassword = u.PasswordHash != null,
                u.IsAdministrator,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var hasAuthenticator = await db.TotpAuthenticators.AsNoTracking().AnyAsync(t => t.UserId == user.Id && t.ProtectedSecret != null, cancellationToken);
        var codesLeft = hasAuthenticator ? await db.RecoveryCodes.AsNoTracking().CountAsync(c => c.UserId == user.Id && c.UsedAt == null, cancellationToken) : 0;
        return new AccountOverview(user.Id, user.UserName, user.DisplayName, user.Email, user.Directory is not null, user.HasPassword, hasAuthenticator, codesLeft, user.IsAdministrator);
    }
}

using Auth.Application.Ports;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// Makes a user's one-time "set your password" link, for the operator to pass on (<see cref="CreatePasswordSetupLink"/>)
/// or for the service to e-mail (<see cref="SendPasswordSetupLink"/>): a new token, stored as its hash only, replacing
/// any earlier link of the user.
/// </summary>
public sealed class PasswordSetupLinkIssuer(IAuthDbContext db, TimeProvider clock)
{
    /// <summary>The new token (shown or sent this once) and when the link expires.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(string userId, TimeSpan? validFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = PasswordSetupTokens.NewToken();
        var link = new PasswordSetupLink(PasswordSetupTokens.Hash(token), userId, now, now + (validFor ?? PasswordSetupTokens.DefaultValidity));
        await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
        {
            // One link at a time: a newer link replaces what an earlier one would have allowed.
            await db.PasswordSetupLinks.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            db.PasswordSetupLinks.Add(link);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return (token, link.ExpiresAt);
    }
}

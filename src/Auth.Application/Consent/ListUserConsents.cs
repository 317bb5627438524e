using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Consent;

/// <summary>The third-party clients a user has allowed, and the scopes, as <see cref="WithdrawConsent"/> can withdraw them.</summary>
public sealed record ListUserConsents(UserKey User) : IQuery<Result<IReadOnlyList<GivenConsent>>>;

public sealed class ListUserConsentsHandler(IAuthDbContext db, IConsentStore consents) : IQueryHandler<ListUserConsents, Result<IReadOnlyList<GivenConsent>>>
{
    public async ValueTask<Result<IReadOnlyList<GivenConsent>>> Handle(ListUserConsents query, CancellationToken cancellationToken)
    {
        var userId = await db.Users.Matching(query.User).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        return userId is null ? query.User.NotFound() : Result<IReadOnlyList<GivenConsent>>.Success(await consents.ListAsync(userId, cancellationToken));
    }
}

using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>The id of the user with this user name (compared as sign-in compares it); null when there is none.</summary>
public sealed record FindUserId(string UserName) : IQuery<string?>;

public sealed class FindUserIdHandler(IAuthDbContext db) : IQueryHandler<FindUserId, string?>
{
    public async ValueTask<string?> Handle(FindUserId query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Named(query.UserName).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
}

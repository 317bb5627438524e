using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// Whether the user may use the admin console now: active and holding <see cref="Domain.Users.UserRoles.Administrator"/>.
/// Asked at every console request, so a withdrawn role or a deactivation ends the console at once on every node.
/// </summary>
public sealed record IsConsoleAdministrator(string UserId) : IQuery<bool>;

public sealed class IsConsoleAdministratorHandler(IAuthDbContext db) : IQueryHandler<IsConsoleAdministrator, bool>
{
    public async ValueTask<bool> Handle(IsConsoleAdministrator query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().AnyAsync(u => u.Id == query.UserId && u.IsActive && u.IsAdministrator, cancellationToken);
}

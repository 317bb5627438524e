using Auth.Application.Audit;
using Auth.Application.Concurrency;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// Grants (<paramref name="Held"/> true) or withdraws one of the service's own roles (<see cref="UserRoles"/>). A
/// withdrawn administrator is out of the console at their next request, since the console asks at every one. True when
/// the user's roles changed.
/// </summary>
public sealed record SetUserRole(UserKey User, string Role, bool Held) : ICommand<Result<bool>>;

public sealed class SetUserRoleValidator : AbstractValidator<SetUserRole>
{
    public SetUserRoleValidator() =>
        RuleFor(c => c.Role).Must(UserRoles.IsKnown).WithMessage($"The role must be one of: {string.Join(", ", UserRoles.All)}.").OverridePropertyName("role");
}

public sealed class SetUserRoleHandler(IAuthDbContext db, ISecurityEvents events, TimeProvider clock) : ICommandHandler<SetUserRole, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(SetUserRole command, CancellationToken cancellationToken) =>
        await WriteRetry.OnFreshDataAsync(db, () => WriteAsync(command, cancellationToken), cancellationToken);

    private async Task<Result<bool>> WriteAsync(SetUserRole command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        if (!user.SetRole(command.Role, command.Held, clock.GetUtcNow()))
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        events.Record(new SecurityEvent(
            command.Held ? SecurityEventTypes.UserRoleGranted : SecurityEventTypes.UserRoleWithdrawn, SecurityEventOutcomes.Success, user.Id,
            Detail: $"{command.Role} {user.UserName}"));
        return true;
    }
}

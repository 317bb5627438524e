using System.Globalization;
using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// An operator creates a one-time "set your password" link for a user (a provisioned user who has none, or one who
/// lost it): valid once, for <see cref="ValidFor"/> (24 hours by default, 5 minutes to 7 days); it replaces any earlier
/// link of the user. The token is returned this once; only its hash is stored. Audited with the actor, never the token.
/// </summary>
public sealed record CreatePasswordSetupLink(UserKey User, TimeSpan? ValidFor = null) : ICommand<Result<CreatedPasswordSetupLink>>;

public sealed record CreatedPasswordSetupLink(string UserId, string UserName, string Token, DateTimeOffset ExpiresAt)
{
    // A record prints every member: the token must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("UserId = ").Append(UserId);
        return true;
    }
}

public sealed class CreatePasswordSetupLinkValidator : AbstractValidator<CreatePasswordSetupLink>
{
    public CreatePasswordSetupLinkValidator()
    {
        RuleFor(c => c.User.Value).NotEmpty().MaximumLength(256).OverridePropertyName("user");
        RuleFor(c => c.ValidFor)
            .Must(v => v is null || (v >= PasswordSetupTokens.MinimumValidity && v <= PasswordSetupTokens.MaximumValidity))
            .WithMessage("A link is valid for 5 minutes to 7 days.")
            .OverridePropertyName("valid_for");
    }
}

public sealed class CreatePasswordSetupLinkHandler(IAuthDbContext db, ISecurityEvents events, TimeProvider clock)
    : ICommandHandler<CreatePasswordSetupLink, Result<CreatedPasswordSetupLink>>
{
    public async ValueTask<Result<CreatedPasswordSetupLink>> Handle(CreatePasswordSetupLink command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).Select(u => new { u.Id, u.UserName, u.IsActive }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        if (!user.IsActive)
        {
            return Error.Conflict($"'{user.UserName}' is disabled: enable the user before giving them a link.");
        }

        var now = clock.GetUtcNow();
        var token = PasswordSetupTokens.NewToken();
        var link = new PasswordSetupLink(PasswordSetupTokens.Hash(token), user.Id, now, now + (command.ValidFor ?? PasswordSetupTokens.DefaultValidity));
        await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
        {
            // One link at a time: a newer link replaces what an earlier one would have allowed.
            await db.PasswordSetupLinks.Where(l => l.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            db.PasswordSetupLinks.Add(link);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordLinkCreated, SecurityEventOutcomes.Success, user.Id,
            Detail: $"{user.UserName} expires={link.ExpiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}"));
        return new CreatedPasswordSetupLink(user.Id, user.UserName, token, link.ExpiresAt);
    }
}

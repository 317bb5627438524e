using System.Globalization;
using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
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
            .Must(PasswordSetupTokens.IsAllowedValidity)
            .WithMessage("A link is valid for 5 minutes to 7 days.")
            .OverridePropertyName("valid_for");
    }
}

public sealed class CreatePasswordSetupLinkHandler(IAuthDbContext db, PasswordSetupLinkIssuer links, ISecurityEvents events)
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

        var (token, expiresAt) = await links.IssueAsync(user.Id, command.ValidFor, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordLinkCreated, SecurityEventOutcomes.Success, user.Id,
            Detail: $"{user.UserName} expires={expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}"));
        return new CreatedPasswordSetupLink(user.Id, user.UserName, token, expiresAt);
    }
}

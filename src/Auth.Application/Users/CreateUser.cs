using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// An operator creates a user (the admin API). Unlike <see cref="RegisterUser"/>, which brings the seed file's users in
/// line, a taken user name is a conflict, never a change to the user who has it. Returns the new user's id.
/// </summary>
public sealed record CreateUser(UserDefinition User) : ICommand<Result<string>>
{
    // A record prints every member: the definition's password must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("UserName = ").Append(User.UserName);
        return true;
    }
}

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    // Paths relative to the definition (password, user_name): they name the fields of the request's body.
    public CreateUserValidator() => RuleFor(c => c.User).SetValidator(new UserDefinitionValidator()).OverridePropertyName(string.Empty);
}

public sealed class CreateUserHandler(IAuthDbContext db, IPasswordHasher hasher, ISecurityEvents events, TimeProvider clock)
    : ICommandHandler<CreateUser, Result<string>>
{
    public async ValueTask<Result<string>> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        var definition = command.User;
        var userName = UserNameRule.Canonical(definition.UserName);
        if (await db.Users.Named(userName).AnyAsync(cancellationToken))
        {
            return Taken(userName);
        }

        var now = clock.GetUtcNow();
        var user = new User(userName, now)
        {
            DisplayName = definition.DisplayName,
            GivenName = definition.GivenName,
            FamilyName = definition.FamilyName,
        };
        user.ReplaceEmails(definition.Email is null ? [] : [new UserEmail(definition.Email, "work", primary: true)], definition.EmailVerified);
        if (!definition.Active)
        {
            user.Deactivate(now);
        }

        if (definition.Password is not null)
        {
            user.SetPasswordHash(hasher.Hash(definition.Password), now);
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two requests for one name at once: the unique index lets one in, and the other is told so.
            db.DiscardChanges();
            if (await db.Users.Named(userName).AnyAsync(cancellationToken))
            {
                return Taken(userName);
            }

            throw;
        }

        events.Record(new SecurityEvent(SecurityEventTypes.UserRegistered, SecurityEventOutcomes.Success, user.Id, Detail: "created"));
        return user.Id;
    }

    private static Error Taken(string userName) => Error.Conflict($"A user named '{userName}' already exists.");
}

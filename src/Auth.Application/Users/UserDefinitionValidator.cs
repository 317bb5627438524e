using Auth.Domain.Users;
using FluentValidation;

namespace Auth.Application.Users;

/// <summary>What a user's definition must meet wherever it comes from: the seed file, the command line, the admin API.</summary>
public sealed class UserDefinitionValidator : AbstractValidator<UserDefinition>
{
    public UserDefinitionValidator()
    {
        RuleFor(d => d.UserName).NotEmpty().MaximumLength(UserNameRule.MaxLength)
            .Must(n => n.Trim().Length == n.Length).WithMessage("A user name has no leading or trailing spaces.")
            .Custom((name, context) =>
            {
                if (UserNameRule.Problem(name) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
        RuleFor(d => d.Password).ValidPassword().When(d => d.Password is not null);
        RuleFor(d => d.Email).EmailAddress().MaximumLength(320).When(d => d.Email is not null);
        RuleFor(d => d.DisplayName).MaximumLength(256);
        RuleFor(d => d.GivenName).MaximumLength(256);
        RuleFor(d => d.FamilyName).MaximumLength(256);
        RuleForEach(d => d.Roles).Must(UserRoles.IsKnown).WithMessage($"A role is one of: {string.Join(", ", UserRoles.All)}.");
    }
}

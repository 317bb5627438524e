using FluentValidation;

namespace Auth.Application.Users;

/// <summary>What a password must be wherever an operator sets one: the seed file, the command line, the admin API.</summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;

    public const int MaximumLength = 1024;

    public static IRuleBuilderOptions<T, string?> ValidPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MinimumLength(MinimumLength).MaximumLength(MaximumLength);
}

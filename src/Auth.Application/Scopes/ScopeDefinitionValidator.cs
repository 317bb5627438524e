using FluentValidation;

namespace Auth.Application.Scopes;

public sealed class ScopeDefinitionValidator : AbstractValidator<ScopeDefinition>
{
    public ScopeDefinitionValidator()
    {
        RuleFor(s => s.Name)
            .NotEmpty()
            .MaximumLength(100)
            .Matches("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$")
            .WithMessage("A scope is one token of printable characters without space, quote or backslash (RFC 6749 §3.3).");
        RuleFor(s => s.DisplayName).MaximumLength(200);
        RuleFor(s => s.Description).MaximumLength(2000);
        RuleForEach(s => s.Resources)
            .NotEmpty()
            .MaximumLength(400);
    }
}

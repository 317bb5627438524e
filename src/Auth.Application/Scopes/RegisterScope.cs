using Auth.Application.Audit;
using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;

namespace Auth.Application.Scopes;

/// <summary>Registers an API scope, or with <see cref="ReplaceExisting"/> brings an existing one in line with its definition.</summary>
public sealed record RegisterScope(ScopeDefinition Scope, bool ReplaceExisting = false) : ICommand<Result<ChangeOutcome>>;

public sealed class RegisterScopeValidator : AbstractValidator<RegisterScope>
{
    // Failures are named relative to the definition: the admin API's request body is the definition itself.
    public RegisterScopeValidator()
    {
        RuleFor(c => c.Scope).SetValidator(new ScopeDefinitionValidator()).OverridePropertyName(string.Empty);
        RuleFor(c => c.Scope.Name)
            .Must(name => !BuiltInScopes.Names.Contains(name))
            .OverridePropertyName("name")
            .WithMessage("The OpenID Connect scopes, the mfa scope and the admin API's scopes are built in and cannot be registered.");
    }
}

public sealed class RegisterScopeHandler(IScopeRegistry scopes, ISecurityEvents events) : ICommandHandler<RegisterScope, Result<ChangeOutcome>>
{
    public async ValueTask<Result<ChangeOutcome>> Handle(RegisterScope command, CancellationToken cancellationToken)
    {
        ChangeOutcome outcome;
        if (command.ReplaceExisting)
        {
            outcome = await scopes.ApplyAsync(command.Scope, cancellationToken);
        }
        else if (await scopes.AddAsync(command.Scope, cancellationToken))
        {
            outcome = ChangeOutcome.Created;
        }
        else
        {
            return Error.Conflict($"A scope named '{command.Scope.Name}' already exists.");
        }

        if (outcome != ChangeOutcome.Unchanged)
        {
            events.Record(new SecurityEvent(SecurityEventTypes.ScopeRegistered, SecurityEventOutcomes.Success,
                Detail: $"{command.Scope.Name} {(outcome == ChangeOutcome.Created ? "created" : "updated")}"));
        }

        return outcome;
    }
}

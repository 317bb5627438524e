using Auth.Application.Clients;
using Auth.Application.Results;
using FluentValidation;
using Mediator;
using OpenIddict.Abstractions;

namespace Auth.Application.Scopes;

public sealed record RegisterScope(ScopeDefinition Scope, bool ReplaceExisting = false) : ICommand<Result<ChangeOutcome>>;

public sealed class RegisterScopeValidator : AbstractValidator<RegisterScope>
{
    public RegisterScopeValidator()
    {
        RuleFor(c => c.Scope.Name)
            .NotEmpty()
            .MaximumLength(100)
            .Matches("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$")
            .WithMessage("A scope is one token of printable characters without space, quote or backslash (RFC 6749 §3.3).")
            .Must(name => !StandardScopes.All.Contains(name))
            .WithMessage("The OpenID Connect scopes and the mfa scope are built in and cannot be registered.");
        RuleForEach(c => c.Scope.Resources)
            .NotEmpty()
            .MaximumLength(400);
    }
}

public sealed class RegisterScopeHandler(IOpenIddictScopeManager scopes) : ICommandHandler<RegisterScope, Result<ChangeOutcome>>
{
    public ValueTask<Result<ChangeOutcome>> Handle(RegisterScope command, CancellationToken cancellationToken) =>
        ApplyAsync(scopes, command.Scope, command.ReplaceExisting, cancellationToken);

    /// <summary>Creates the scope, or with <paramref name="replaceExisting"/> brings an existing one in line with the definition.</summary>
    internal static async ValueTask<Result<ChangeOutcome>> ApplyAsync(
        IOpenIddictScopeManager scopes, ScopeDefinition definition, bool replaceExisting, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictScopeDescriptor
        {
            Name = definition.Name,
            DisplayName = definition.DisplayName ?? definition.Name,
            Description = definition.Description,
        };
        descriptor.Resources.UnionWith(definition.Resources);

        var existing = await scopes.FindByNameAsync(definition.Name, cancellationToken);
        if (existing is null)
        {
            await scopes.CreateAsync(descriptor, cancellationToken);
            return ChangeOutcome.Created;
        }

        if (!replaceExisting)
        {
            return Error.Conflict($"A scope named '{definition.Name}' already exists.");
        }

        var current = new OpenIddictScopeDescriptor();
        await scopes.PopulateAsync(current, existing, cancellationToken);
        if (current.DisplayName == descriptor.DisplayName &&
            current.Description == descriptor.Description &&
            current.Resources.SetEquals(descriptor.Resources))
        {
            return ChangeOutcome.Unchanged;
        }

        await scopes.UpdateAsync(existing, descriptor, cancellationToken);
        return ChangeOutcome.Updated;
    }
}

using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scopes;

/// <summary>Registers a new API scope for the admin API and answers with it as stored, with its version.</summary>
public sealed record CreateScope(ScopeDefinition Scope) : ICommand<Result<RegisteredScope>>;

public sealed class CreateScopeHandler(ISender sender) : ICommandHandler<CreateScope, Result<RegisteredScope>>
{
    // RegisterScope's validator runs on the inner request: its failures name the definition's fields.
    public async ValueTask<Result<RegisteredScope>> Handle(CreateScope command, CancellationToken cancellationToken)
    {
        var registered = await sender.Send(new RegisterScope(command.Scope), cancellationToken);
        return registered.Succeeded
            ? await sender.Send(new GetScope(command.Scope.Name), cancellationToken)
            : registered.Error;
    }
}

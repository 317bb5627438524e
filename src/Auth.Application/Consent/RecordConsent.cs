using Auth.Application.Ports;
using Mediator;

namespace Auth.Application.Consent;

/// <summary>
/// The user allowed a third-party client these scopes on the consent page: remembered until withdrawn
/// (<see cref="WithdrawConsent"/>): the next sign-in to the client skips the page unless it asks for more.
/// </summary>
public sealed record RecordConsent(string UserId, string ClientId, IReadOnlyList<string> Scopes) : ICommand;

public sealed class RecordConsentHandler(IConsentStore consents, TimeProvider clock) : ICommandHandler<RecordConsent>
{
    public async ValueTask<Unit> Handle(RecordConsent command, CancellationToken cancellationToken)
    {
        await consents.RecordAsync(command.UserId, command.ClientId, command.Scopes, clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}

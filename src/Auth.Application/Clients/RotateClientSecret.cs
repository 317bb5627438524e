using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;

namespace Auth.Application.Clients;

/// <summary>
/// Gives a confidential client a new, generated secret, shown once. The previous secret keeps working until
/// <see cref="PreviousSecretValidUntil"/>, or for <see cref="PreviousSecretValidFor"/> seconds (at most
/// <see cref="ClientSecrets.MaximumOverlap"/>), so the client's deployments can switch without downtime; with neither it
/// stops at once, and the tokens issued to the client are cut off as for a leaked secret.
/// </summary>
public sealed record RotateClientSecret(string ClientId, DateTimeOffset? PreviousSecretValidUntil = null, int? PreviousSecretValidFor = null)
    : ICommand<Result<RotatedClientSecret>>;

/// <param name="Secret">The new secret, shown once.</param>
/// <param name="PreviousSecretValidUntil">Until when the replaced secret is accepted; null when it no longer is.</param>
public sealed record RotatedClientSecret(string ClientId, string Secret, DateTimeOffset RotatedAt, DateTimeOffset? PreviousSecretValidUntil);

public sealed class RotateClientSecretValidator : AbstractValidator<RotateClientSecret>
{
    public RotateClientSecretValidator()
    {
        RuleFor(c => c.ClientId).NotEmpty().MaximumLength(100);
        RuleFor(c => c.PreviousSecretValidFor)
            .InclusiveBetween(1, (int)ClientSecrets.MaximumOverlap.TotalSeconds)
            .When(c => c.PreviousSecretValidFor is not null)
            .WithMessage($"The previous secret may stay valid for 1 second to {ClientSecrets.MaximumOverlap.TotalDays:0} days.");
        RuleFor(c => c.PreviousSecretValidUntil)
            .Null()
            .When(c => c.PreviousSecretValidFor is not null)
            .WithMessage("State how long the previous secret stays valid, or until when, not both.");
    }
}

public sealed class RotateClientSecretHandler(IClientRegistry clients, ISecurityEvents events, TimeProvider clock)
    : ICommandHandler<RotateClientSecret, Result<RotatedClientSecret>>
{
    public async ValueTask<Result<RotatedClientSecret>> Handle(RotateClientSecret command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = command.PreviousSecretValidUntil ?? (command.PreviousSecretValidFor is { } seconds ? now.AddSeconds(seconds) : null);
        if (until is { } end && (end <= now || end - now > ClientSecrets.MaximumOverlap))
        {
            return Error.Invalid($"The previous secret may stay valid until a time in the next {ClientSecrets.MaximumOverlap.TotalDays:0} days.");
        }

        var client = await clients.FindAsync(command.ClientId, cancellationToken);
        if (client is null)
        {
            return Error.NotFound($"No client has the id '{command.ClientId}'.");
        }

        if (!client.IsConfidential)
        {
            return Error.Invalid($"The client '{command.ClientId}' is public: it has no secret to rotate.");
        }

        // A secret beside keys would be a second way in, which a definition may not state (one way per client).
        if (client.Jwks is not null || client.JwksUri is not null)
        {
            return Error.Invalid($"The client '{command.ClientId}' signs with keys (private_key_jwt): it has no secret to rotate; give it new keys instead.");
        }

        var secret = ClientSecrets.Generate();
        if (!await clients.RotateSecretAsync(command.ClientId, secret, now, until, cancellationToken))
        {
            return Error.NotFound($"No client has the id '{command.ClientId}'.");
        }

        events.Record(new SecurityEvent(SecurityEventTypes.ClientSecretRotated, SecurityEventOutcomes.Success, ClientId: command.ClientId,
            Detail: until is { } validUntil ? $"previous secret valid until {validUntil:O}" : "previous secret revoked"));
        return new RotatedClientSecret(command.ClientId, secret, now, until);
    }
}

using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;

namespace Auth.Application.Clients.Registration;

/// <summary>
/// An operator's initial access token (RFC 7591 §3): good for one registration, until it expires, of a client within
/// <paramref name="Allowance"/> (and the server's policy at the time of registration). Shown once; only its hash is kept.
/// </summary>
public sealed record CreateInitialAccessToken(RegistrationAllowance Allowance, TimeSpan Lifetime) : ICommand<Result<InitialAccessToken>>;

public sealed record InitialAccessToken(string Token, DateTimeOffset ExpiresAt, RegistrationAllowance Allowance);

public sealed class CreateInitialAccessTokenValidator : AbstractValidator<CreateInitialAccessToken>
{
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(30);

    public CreateInitialAccessTokenValidator()
    {
        RuleFor(c => c.Lifetime).InclusiveBetween(TimeSpan.FromMinutes(1), MaximumLifetime)
            .WithMessage("An initial access token lives from 1 minute to 30 days.");
        RuleFor(c => c.Allowance.GrantTypes).NotEmpty().WithMessage("An initial access token allows at least one grant type.");
        RuleForEach(c => c.Allowance.GrantTypes).Must(ClientGrantTypes.Supported.Contains)
            .WithMessage($"Grant types supported: {string.Join(", ", ClientGrantTypes.Supported)}.");
    }
}

public sealed class CreateInitialAccessTokenHandler(IRegistrationTokens tokens, TimeProvider clock)
    : ICommandHandler<CreateInitialAccessToken, Result<InitialAccessToken>>
{
    public async ValueTask<Result<InitialAccessToken>> Handle(CreateInitialAccessToken command, CancellationToken cancellationToken)
    {
        var expiresAt = clock.GetUtcNow() + command.Lifetime;
        var token = await tokens.IssueInitialAccessTokenAsync(command.Allowance, expiresAt, cancellationToken);
        return new InitialAccessToken(token, expiresAt, command.Allowance);
    }
}

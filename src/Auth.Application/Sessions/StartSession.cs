using Auth.Application.Ports;
using Auth.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Sessions;

/// <summary>
/// Starts a server-side session for a user who has just authenticated, and returns its id, the only thing the
/// browser's cookie holds. The browser's previous session, if any, ends (<see cref="SessionEnding"/>, so its clients are
/// told): a new sign-in always gets a new id.
/// </summary>
/// <param name="IdentityProviderId">The provider the user signed in through; removing it ends the session.</param>
/// <param name="UpstreamIdToken">The upstream's ID token, when logging out here also logs out there; stored encrypted.</param>
public sealed record StartSession(
    string UserId,
    IReadOnlyList<string> Methods,
    DateTimeOffset AuthenticatedAt,
    string? PreviousSessionId,
    string? IdentityProviderId = null,
    string? UpstreamIdToken = null) : ICommand<string>
{
    /// <summary>The secret protector's purpose for upstream ID tokens kept on sessions.</summary>
    public const string UpstreamIdTokenPurpose = "Auth.Sessions.UpstreamIdToken.v1";

    // A record prints every member: the upstream's token must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("UserId = ").Append(UserId).Append(", IdentityProviderId = ").Append(IdentityProviderId);
        return true;
    }
}

public sealed class StartSessionHandler(
    IAuthDbContext db, SessionEnding sessions, IOptions<SessionLifetimes> options, ISecretProtector protector, TimeProvider clock)
    : ICommandHandler<StartSession, string>
{
    public async ValueTask<string> Handle(StartSession command, CancellationToken cancellationToken)
    {
        if (command.PreviousSessionId is { } previous)
        {
            // The replaced session ends as any other does: its clients are told (back-channel logout), since its sid is gone.
            await sessions.SaveEndingAsync(db.Sessions.Where(s => s.Id == previous), cancellationToken);
        }

        var session = new UserSession(command.UserId, command.Methods, command.AuthenticatedAt, clock.GetUtcNow(), options.Value.SessionAbsoluteLifetime);
        if (command.IdentityProviderId is { } providerId)
        {
            session.BegunThrough(providerId, command.UpstreamIdToken is { } idToken
                ? protector.Protect(System.Text.Encoding.UTF8.GetBytes(idToken), StartSession.UpstreamIdTokenPurpose)
                : null);
        }

        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }
}

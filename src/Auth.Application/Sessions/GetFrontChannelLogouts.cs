using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions;

/// <summary>
/// The front-channel logout URIs (OpenID Connect Front-Channel Logout 1.0 §2) of a session's clients, the clients that
/// received an authorization code in it (<see cref="RecordSessionClient"/>), ordered by client id: read before the
/// session ends, since its clients go with it.
/// </summary>
public sealed record GetFrontChannelLogouts(string SessionId) : IQuery<IReadOnlyList<FrontChannelLogoutTarget>>;

/// <summary>A client of an ending session whose page the sign-out page loads; with <c>iss</c> and <c>sid</c> when <paramref name="SessionRequired"/>.</summary>
public sealed record FrontChannelLogoutTarget(string ClientId, string Uri, bool SessionRequired);

public sealed class GetFrontChannelLogoutsHandler(IAuthDbContext db, IClientRegistry clients) : IQueryHandler<GetFrontChannelLogouts, IReadOnlyList<FrontChannelLogoutTarget>>
{
    public async ValueTask<IReadOnlyList<FrontChannelLogoutTarget>> Handle(GetFrontChannelLogouts query, CancellationToken cancellationToken)
    {
        var clientIds = await db.SessionClients.AsNoTracking()
            .Where(c => c.SessionId == query.SessionId)
            .Select(c => c.ClientId)
            .ToListAsync(cancellationToken);
        var logouts = new List<FrontChannelLogoutTarget>();
        foreach (var clientId in clientIds.Distinct().Order(StringComparer.Ordinal))
        {
            if (await clients.FindAsync(clientId, cancellationToken) is { FrontchannelLogoutUri: { } uri } client)
            {
                logouts.Add(new FrontChannelLogoutTarget(clientId, uri, client.FrontchannelLogoutSessionRequired));
            }
        }

        return logouts;
    }
}

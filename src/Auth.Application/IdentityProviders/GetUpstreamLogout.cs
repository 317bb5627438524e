using System.Security.Cryptography;
using System.Text;
using Auth.Application.Ports;
using Auth.Application.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.IdentityProviders;

/// <summary>
/// Whether logging a session out here also logs its person out at the upstream provider they signed in at: only for a
/// session begun at a provider that has upstream logout on, and with the upstream's ID token (the
/// <c>id_token_hint</c> of RP-Initiated Logout 1.0 §2, which Okta requires). Null otherwise: the logout stays local.
/// </summary>
public sealed record GetUpstreamLogout(string SessionId) : IQuery<UpstreamSignOut?>;

/// <summary>The provider to log out at, and the ID token it issued for this session.</summary>
public sealed record UpstreamSignOut(string ProviderId, string IdTokenHint)
{
    // A record prints every member: the upstream's token must not reach a log line.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ProviderId = ").Append(ProviderId);
        return true;
    }
}

public sealed class GetUpstreamLogoutHandler(IAuthDbContext db, ISecretProtector protector) : IQueryHandler<GetUpstreamLogout, UpstreamSignOut?>
{
    public async ValueTask<UpstreamSignOut?> Handle(GetUpstreamLogout query, CancellationToken cancellationToken)
    {
        var found = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == query.SessionId && s.ProtectedUpstreamIdToken != null)
            .Join(db.IdentityProviders.Where(p => p.UpstreamLogout), s => s.IdentityProviderId, p => p.Id,
                (s, p) => new { ProviderId = p.Id, s.ProtectedUpstreamIdToken })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        try
        {
            var idToken = protector.Unprotect(found.ProtectedUpstreamIdToken!, StartSession.UpstreamIdTokenPurpose);
            return new UpstreamSignOut(found.ProviderId, Encoding.UTF8.GetString(idToken));
        }
        catch (CryptographicException)
        {
            // Protected with a key that is gone (master key replaced): the hint is lost, the local logout goes on.
            return null;
        }
    }
}

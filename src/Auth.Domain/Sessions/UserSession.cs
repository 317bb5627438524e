using System.Buffers.Text;
using System.Security.Cryptography;

namespace Auth.Domain.Sessions;

/// <summary>
/// A browser's sign-in session, kept on the server: the cookie carries only <see cref="Id"/>, so deleting the row
/// ends the session everywhere at once. It lasts while it is used (the idle lifetime, measured from
/// <see cref="LastSeenAt"/>) and never past <see cref="ExpiresAt"/> (the absolute lifetime).
/// </summary>
public sealed class UserSession
{
    /// <summary>256 random bits, base64url: as unguessable as the cookie key that protects it.</summary>
    public const int IdBytes = 32;

    /// <summary>Last-seen is written at most this often, so using a session is not a database write per request.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private const char MethodSeparator = ' ';

    private UserSession()
    {
    }

    public UserSession(string userId, IEnumerable<string> methods, DateTimeOffset authenticatedAt, DateTimeOffset now, TimeSpan absoluteLifetime)
    {
        Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(IdBytes));
        UserId = userId;
        AuthenticationMethods = string.Join(MethodSeparator, methods.Distinct(StringComparer.Ordinal));
        AuthenticatedAt = authenticatedAt;
        CreatedAt = now;
        LastSeenAt = now;
        ExpiresAt = authenticatedAt + absoluteLifetime;
    }

    /// <summary>The OpenID Connect session id (<c>sid</c>, OpenID Connect Front-Channel Logout 1.0 §3).</summary>
    public string Id { get; private set; } = default!;

    public string UserId { get; private set; } = default!;

    /// <summary>When the user gave the password that started the session, to the full precision of the store.</summary>
    public DateTimeOffset AuthenticatedAt { get; private set; }

    /// <summary>The RFC 8176 authentication methods used, separated by spaces.</summary>
    public string AuthenticationMethods { get; private set; } = default!;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>The absolute end: the session ends then however much it is used.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The identity provider the user signed in through; null for a password sign-in.</summary>
    public string? IdentityProviderId { get; private set; }

    /// <summary>The upstream's ID token, encrypted, kept only when logging out here also logs out there (<c>id_token_hint</c>).</summary>
    public string? ProtectedUpstreamIdToken { get; private set; }

    public IReadOnlyList<string> Methods => AuthenticationMethods.Split(MethodSeparator, StringSplitOptions.RemoveEmptyEntries);

    public bool IsActive(DateTimeOffset now, TimeSpan idleLifetime) => now < ExpiresAt && now - LastSeenAt <= idleLifetime;

    public bool IsLastSeenStale(DateTimeOffset now) => now - LastSeenAt >= LastSeenResolution;

    /// <summary>Marks the session as begun at an upstream identity provider.</summary>
    public void BegunThrough(string identityProviderId, string? protectedUpstreamIdToken)
    {
        IdentityProviderId = identityProviderId;
        ProtectedUpstreamIdToken = protectedUpstreamIdToken;
    }

    /// <summary>A second factor given later in the session (step-up): the session keeps its id and its start.</summary>
    public void AddMethod(string method)
    {
        if (!Methods.Contains(method, StringComparer.Ordinal))
        {
            AuthenticationMethods = string.Join(MethodSeparator, Methods.Append(method));
        }
    }
}

using OpenIddict.Server;

namespace Auth.Api.OAuth;

/// <summary>
/// An authorization request that came as a request object the client signed (<see cref="Handlers.Authorization.ExpandRequestObjects"/>):
/// this server's pages (sign-in, second factor, consent) carry the object itself back to the authorization endpoint,
/// not its parameters, so what the client signed is checked again and nothing the URL says counts (RFC 9101 §5). A
/// sign-in made after <paramref name="IssuedAt"/> (the object's iat, else nbf) is the fresh one its prompt=login or
/// max_age=0 asked for.
/// </summary>
public sealed record SignedRequest(string RequestObject, DateTimeOffset? IssuedAt)
{
    private const string Property = "urn:auth:signed_request_object";

    /// <summary>The signed request object <paramref name="transaction"/>'s request came as, or null.</summary>
    public static SignedRequest? Of(OpenIddictServerTransaction? transaction) =>
        transaction is not null && transaction.Properties.TryGetValue(Property, out var value) ? value as SignedRequest : null;

    public void KeepIn(OpenIddictServerTransaction transaction) => transaction.Properties[Property] = this;
}

namespace Auth.Api.Authorization;

/// <summary>A scope one of the service's own APIs requires, and what a token carrying it may do there.</summary>
/// <param name="Name">The scope as a token request names it.</param>
/// <param name="Description">What it allows, in a sentence (the OpenAPI document and docs/admin-api.md show it).</param>
/// <param name="SignedInUser">
/// Only a signed-in user's token may carry it (authorization code flow); otherwise a client asks for it with its own
/// credentials (client_credentials, RFC 6749 §4.4).
/// </param>
public sealed record ApiScope(string Name, string Description, bool SignedInUser = false);

namespace Auth.Application.Ports;

/// <summary>What a user allowed one third-party client: the scopes (of every consent to it, together) and when first given.</summary>
public sealed record GivenConsent(string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset? GivenAt);

namespace Auth.Domain.Users;

/// <summary>One of a user's postal addresses (RFC 7643 §4.1.2 addresses).</summary>
public sealed record UserAddress
{
    public string? Formatted { get; init; }

    public string? StreetAddress { get; init; }

    public string? Locality { get; init; }

    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    public string? Country { get; init; }

    public string? Type { get; init; }

    public bool Primary { get; init; }
}

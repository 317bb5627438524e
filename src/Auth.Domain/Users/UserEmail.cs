namespace Auth.Domain.Users;

/// <summary>One of a user's e-mail addresses (RFC 7643 §4.1.2 emails); compared case-insensitively.</summary>
public sealed class UserEmail
{
    private UserEmail()
    {
    }

    /// <summary>The key an address is looked up by: addresses compare ignoring case.</summary>
    public static string Normalize(string value) => value.ToUpperInvariant();

    public UserEmail(string value, string? type = null, bool primary = false, string? display = null)
    {
        Value = value;
        NormalizedValue = Normalize(value);
        Type = type;
        Primary = primary;
        Display = display;
    }

    public string Value { get; private set; } = default!;

    /// <summary>Upper-case form, indexed, so lookups by address are exact and fast.</summary>
    public string NormalizedValue { get; private set; } = default!;

    public string? Type { get; private set; }

    public bool Primary { get; private set; }

    public string? Display { get; private set; }
}

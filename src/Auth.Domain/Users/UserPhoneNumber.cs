namespace Auth.Domain.Users;

/// <summary>One of a user's phone numbers (RFC 7643 §4.1.2 phoneNumbers).</summary>
public sealed class UserPhoneNumber
{
    private UserPhoneNumber()
    {
    }

    public UserPhoneNumber(string value, string? type = null, bool primary = false, string? display = null)
    {
        Value = value;
        Type = type;
        Primary = primary;
        Display = display;
    }

    public string Value { get; private set; } = default!;

    public string? Type { get; private set; }

    public bool Primary { get; private set; }

    public string? Display { get; private set; }
}

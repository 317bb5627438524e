namespace Auth.Application.Clients;

/// <summary>
/// The people responsible for a client (RFC 7591 §2 <c>contacts</c>): e-mail addresses, kept in its registration for the
/// operators who read it (admin API, console, command line, the registration's own answers) and never shown to users.
/// </summary>
public static class ClientContacts
{
    public const int MaximumCount = 10;

    /// <summary>The longest address kept, as for a user's e-mail address.</summary>
    public const int MaximumLength = 320;

    public const string Rule = "A contact is an e-mail address (local@domain) of at most 320 characters without spaces, commas or control characters.";

    /// <summary>
    /// One @ with something on both sides, no space (the list setting separates with one), comma (the command line and
    /// the console list them with one) or control character.
    /// </summary>
    public static bool IsAddress(string? value) =>
        value is { Length: > 0 and <= MaximumLength } && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ',') &&
        value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at == value.LastIndexOf('@') && at < value.Length - 1;
}

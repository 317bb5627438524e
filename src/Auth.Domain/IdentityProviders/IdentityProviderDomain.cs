namespace Auth.Domain.IdentityProviders;

/// <summary>
/// An e-mail domain a provider owns: home-realm discovery sends its users there, and e-mail linking stays inside it.
/// A domain belongs to one provider at most (the primary key), so discovery is never ambiguous.
/// </summary>
public sealed class IdentityProviderDomain
{
    private IdentityProviderDomain()
    {
    }

    public IdentityProviderDomain(string domain, string providerId)
    {
        Domain = Normalize(domain);
        ProviderId = providerId;
    }

    /// <summary>Lower-case ASCII (IDNA) host name.</summary>
    public string Domain { get; private set; } = default!;

    public string ProviderId { get; private set; } = default!;

    /// <summary>The form a domain is stored and compared in: lower-case, internationalized names in their ASCII form.</summary>
    public static string Normalize(string domain) => new System.Globalization.IdnMapping().GetAscii(domain.Trim().TrimEnd('.')).ToLowerInvariant();

    /// <summary>The domain of an address or of a name written like one (<c>alice@contoso.com</c>), else null.</summary>
    public static string? Of(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        if (address is null || at <= 0 || at == address.Length - 1)
        {
            return null;
        }

        try
        {
            return Normalize(address[(at + 1)..]);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

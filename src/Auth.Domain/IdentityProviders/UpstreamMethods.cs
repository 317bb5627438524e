namespace Auth.Domain.IdentityProviders;

/// <summary>
/// The authentication methods (RFC 8176) a session begun at an upstream provider carries. <c>fed</c> is always there,
/// so <c>amr</c> is never empty and always shows the sign-in was federated. The upstream's own methods count only when
/// the provider is trusted for them; its <c>otp</c> alone is not taken for a second factor (a one-time code may have
/// been the only factor), only <c>mfa</c> or a configured <c>acr</c> value is.
/// </summary>
public static class UpstreamMethods
{
    /// <summary>Not an RFC 8176 value: this service's marker for a sign-in at an upstream identity provider.</summary>
    public const string Federated = "fed";

    /// <summary>RFC 8176 §2: multiple-factor authentication.</summary>
    public const string MultiFactor = "mfa";

    private const string OneTimePassword = "otp";

    /// <summary>The RFC 8176 §2 registry; anything else an upstream sends is dropped.</summary>
    public static readonly IReadOnlySet<string> Registered = new HashSet<string>(StringComparer.Ordinal)
    {
        "face", "fpt", "geo", "hwk", "iris", "kba", "mca", "mfa", "otp", "pin", "pop", "pwd", "rba", "retina", "sc", "sms",
        "swk", "tel", "user", "vbm", "wia",
    };

    /// <summary>The session's methods before any local second factor.</summary>
    public static IReadOnlyList<string> Of(IdentityProvider provider, UpstreamIdentity upstream)
    {
        var methods = new List<string> { Federated };
        if (!provider.TrustUpstreamMfa)
        {
            return methods;
        }

        var upstreamMethods = upstream.Methods.Where(Registered.Contains).Distinct(StringComparer.Ordinal).ToList();
        var multiFactor = upstreamMethods.Contains(MultiFactor) ||
            upstream.ContextClasses.Intersect(provider.MfaAcrValueList, StringComparer.Ordinal).Any();
        methods.AddRange(upstreamMethods.Where(m => m != OneTimePassword || multiFactor));
        if (multiFactor && !methods.Contains(MultiFactor))
        {
            methods.Add(MultiFactor);
        }

        return methods;
    }
}

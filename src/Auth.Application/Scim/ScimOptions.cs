namespace Auth.Application.Scim;

/// <summary>Uniqueness rules of SCIM provisioning that directories disagree on. Bound from the <c>Scim</c> section.</summary>
public sealed class ScimOptions
{
    public const string Section = "Scim";

    /// <summary>
    /// Whether a provisioning client's users (and groups) must have distinct externalIds. Off by default: RFC 7643
    /// §3.1 requires nothing of externalId, and Microsoft Entra ID maps it from mailNickname, which a directory
    /// does not keep unique.
    /// </summary>
    public bool UniqueExternalId { get; set; }

    /// <summary>
    /// Whether a provisioning client's groups must have distinct displayNames, ignoring case. On by default:
    /// Microsoft Entra ID matches groups by displayName. The database enforces it, also against two creates at once.
    /// </summary>
    public bool UniqueGroupDisplayName { get; set; } = true;
}

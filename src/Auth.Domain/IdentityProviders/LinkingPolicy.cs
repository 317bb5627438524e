using Auth.Domain.Users;

namespace Auth.Domain.IdentityProviders;

/// <summary>
/// Who an upstream identity is here. The rules (docs/security.md, "Linking to local users"):
/// the link, once made, is all that counts; a first sign-in is matched by the provider's rules in order (externalId set
/// by the provider's own provisioning client, then user name, then a verified address), only among the users the
/// provider owns; exactly one match or none; e-mail only when the upstream verified it, in a domain the provider owns,
/// and never for multi-tenant Entra (whose <c>email</c> claim any tenant admin can set — the "nOAuth" takeover);
/// just-in-time creation never takes an existing name and never revives a deleted user's identity.
/// </summary>
public static class LinkingPolicy
{
    /// <summary>
    /// The upstream's stable subject for the link table, after Entra's tenant checks; or why the token is refused.
    /// Entra's <c>sub</c> differs per application, so an Entra link goes by <c>{tid}:{oid}</c>.
    /// </summary>
    public static LinkRefusal? CheckUpstream(IdentityProvider provider, UpstreamIdentity upstream, out string subject)
    {
        subject = string.Empty;
        var value = upstream.Claim(provider.SubjectClaim);
        if (provider.Kind != ProviderKind.Entra)
        {
            subject = value ?? string.Empty;
            return value is null ? LinkRefusal.NoSubject : null;
        }

        var tenant = upstream.TenantId;
        if (tenant is null || value is null)
        {
            return LinkRefusal.NoSubject;
        }

        if (provider.IsMultiTenant)
        {
            if (!provider.AllowedTenantIds.Contains(tenant, StringComparer.OrdinalIgnoreCase))
            {
                return LinkRefusal.WrongTenant;
            }

            // With organizations/common, no issuer is known in advance, so the token's own issuer is checked here.
            var expected = provider.EffectiveIssuer?.Replace($"/{provider.Tenant}/", $"/{tenant}/", StringComparison.OrdinalIgnoreCase);
            if (!string.Equals(upstream.Issuer.TrimEnd('/'), expected?.TrimEnd('/'), StringComparison.Ordinal))
            {
                return LinkRefusal.WrongIssuer;
            }
        }
        else if (!string.Equals(tenant, provider.Tenant, StringComparison.OrdinalIgnoreCase))
        {
            return LinkRefusal.WrongTenant;
        }

        subject = $"{tenant.ToLowerInvariant()}:{value}";
        return null;
    }

    /// <summary>An identity already linked: the link decides, whatever the upstream's claims say now.</summary>
    public static LinkDecision ForLinkedUser(LinkCandidate? user) => user switch
    {
        null => new LinkDecision.Refuse(LinkRefusal.UserDeleted),
        { IsActive: false } => new LinkDecision.Refuse(LinkRefusal.UserInactive),
        _ => new LinkDecision.SignIn(user.UserId),
    };

    /// <summary>The look-ups a first sign-in needs, in the order the rules are tried.</summary>
    public static IReadOnlyList<CandidateLookup> Lookups(IdentityProvider provider, UpstreamIdentity upstream)
    {
        var lookups = new List<CandidateLookup>();
        if (provider.ProvisioningClient is not null && upstream.Claim(provider.ExternalIdClaim) is { } externalId)
        {
            lookups.Add(new CandidateLookup(LinkRule.ExternalId, externalId));
        }

        if (provider.LinkByUserName && upstream.Claim(provider.UserNameClaim) is { } userName)
        {
            lookups.Add(new CandidateLookup(LinkRule.UserName, userName));
        }

        if (provider.LinkByVerifiedEmail && !provider.IsMultiTenant && upstream.EmailVerified == true &&
            upstream.Claim(provider.EmailClaim) is { } email && provider.OwnsDomain(IdentityProviderDomain.Of(email)))
        {
            lookups.Add(new CandidateLookup(LinkRule.VerifiedEmail, email));
        }

        return lookups;
    }

    /// <summary>
    /// A first sign-in (or one whose linked user was deleted, <paramref name="tombstone"/>): the first rule whose look-up
    /// finds users the provider owns decides; without any, just-in-time creation if allowed.
    /// </summary>
    /// <param name="userNameTaken">Whether a local user already has the upstream's user name.</param>
    public static LinkDecision ForFirstSignIn(
        IdentityProvider provider, UpstreamIdentity upstream, IEnumerable<CandidateMatches> matches, bool tombstone, bool userNameTaken)
    {
        foreach (var match in matches)
        {
            var owned = match.Candidates
                .Where(c => Matches(match.Lookup, c, provider) && IsOwnedBy(provider, c, match.Lookup.Rule))
                .DistinctBy(c => c.UserId)
                .ToList();
            if (owned.Count == 0)
            {
                continue;
            }

            if (owned.Count > 1)
            {
                return new LinkDecision.Refuse(LinkRefusal.Ambiguous);
            }

            return owned[0] switch
            {
                { IsActive: false } => new LinkDecision.Refuse(LinkRefusal.UserInactive),
                { LinkedToThisProvider: true } => new LinkDecision.Refuse(LinkRefusal.AlreadyLinked),
                { LinkedToAnotherProvider: true } when !provider.AllowAdditionalLinks => new LinkDecision.Refuse(LinkRefusal.LinkedElsewhere),
                var user => new LinkDecision.Link(user.UserId, match.Lookup.Rule),
            };
        }

        if (tombstone)
        {
            return new LinkDecision.Refuse(LinkRefusal.UserDeleted);
        }

        if (!provider.JustInTime)
        {
            return new LinkDecision.Refuse(LinkRefusal.NoMatch);
        }

        var name = upstream.Claim(provider.UserNameClaim);
        if (name is null || UserNameRule.Problem(name) is not null)
        {
            return new LinkDecision.Refuse(LinkRefusal.InvalidUserName);
        }

        return userNameTaken ? new LinkDecision.Refuse(LinkRefusal.UserNameTaken) : new LinkDecision.CreateUser(UserNameRule.Canonical(name));
    }

    /// <summary>The look-up's own condition, checked again here so the rule does not rest on the query alone.</summary>
    private static bool Matches(CandidateLookup lookup, LinkCandidate candidate, IdentityProvider provider) => lookup.Rule switch
    {
        LinkRule.ExternalId => candidate.ExternalId == lookup.Value && candidate.ExternalIdIssuer == provider.ProvisioningClient,
        LinkRule.UserName => User.Normalize(candidate.UserName) == User.Normalize(lookup.Value),
        LinkRule.VerifiedEmail => candidate.EmailVerified && candidate.Emails.Contains(lookup.Value, StringComparer.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>
    /// A provider never claims a user another directory owns: with a provisioning client, only the users it provisioned;
    /// without one, only users whose name (or matched address) is in one of the provider's domains.
    /// </summary>
    private static bool IsOwnedBy(IdentityProvider provider, LinkCandidate candidate, LinkRule rule)
    {
        if (provider.ProvisioningClient is not null)
        {
            return candidate.ExternalIdIssuer == provider.ProvisioningClient;
        }

        return provider.OwnsDomain(IdentityProviderDomain.Of(candidate.UserName)) ||
            (rule == LinkRule.VerifiedEmail && candidate.Emails.Any(e => provider.OwnsDomain(IdentityProviderDomain.Of(e))));
    }
}

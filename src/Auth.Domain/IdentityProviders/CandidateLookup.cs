namespace Auth.Domain.IdentityProviders;

/// <summary>One look-up a first sign-in needs: the users whose <paramref name="Rule"/> attribute equals <paramref name="Value"/>.</summary>
public sealed record CandidateLookup(LinkRule Rule, string Value);

/// <summary>A look-up and the users it found, before the policy narrows them to those the provider owns.</summary>
public sealed record CandidateMatches(CandidateLookup Lookup, IReadOnlyList<LinkCandidate> Candidates);

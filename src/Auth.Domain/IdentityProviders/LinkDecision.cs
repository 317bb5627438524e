namespace Auth.Domain.IdentityProviders;

/// <summary>What a sign-in through a provider comes to.</summary>
public abstract record LinkDecision
{
    private LinkDecision()
    {
    }

    /// <summary>The identity is linked to this user already.</summary>
    public sealed record SignIn(string UserId) : LinkDecision;

    /// <summary>A first sign-in matched this user by <paramref name="Rule"/>: link them (or re-point the tombstone).</summary>
    public sealed record Link(string UserId, LinkRule Rule) : LinkDecision;

    /// <summary>Nobody matched and the provider may create the user.</summary>
    public sealed record CreateUser(string UserName) : LinkDecision;

    public sealed record Refuse(LinkRefusal Reason) : LinkDecision;
}

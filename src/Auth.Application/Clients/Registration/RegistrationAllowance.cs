namespace Auth.Application.Clients.Registration;

/// <summary>
/// What a dynamically registered client may be: the scopes and grant types it may name. The server's policy
/// (ClientRegistration:Scopes and :GrantTypes) bounds every allowance; an initial access token may narrow it.
/// </summary>
public sealed record RegistrationAllowance(IReadOnlyList<string> Scopes, IReadOnlyList<string> GrantTypes)
{
    /// <summary>What both allow.</summary>
    public RegistrationAllowance Within(RegistrationAllowance policy) =>
        new(Scopes.Where(policy.Scopes.Contains).ToList(), GrantTypes.Where(policy.GrantTypes.Contains).ToList());

    /// <summary>Why the definition asks for more than this allows; null when it does not.</summary>
    public string? Problem(ClientDefinition client) =>
        client.Scopes.FirstOrDefault(s => !Scopes.Contains(s)) is { } scope ? $"The scope '{scope}' may not be registered here."
        : client.GrantTypes.FirstOrDefault(g => !GrantTypes.Contains(g)) is { } grant ? $"The grant type '{grant}' may not be registered here."
        : null;
}

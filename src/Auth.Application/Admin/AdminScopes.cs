using Auth.Application.Scopes;

namespace Auth.Application.Admin;

/// <summary>
/// The scopes of the admin API (<c>/admin/v1</c>), one per area and verb. Built in like the MFA scope: registered at
/// every start with the admin API's audience, so they cannot drift, and granted to a client through its scope
/// permissions (seed file, command line). <see cref="Everything"/>, the one <c>admin</c> scope of earlier releases, is
/// still accepted by every admin route for one release (docs/admin-api.md); it is the deployment's own scope, defined
/// in its seed file.
/// </summary>
public static class AdminScopes
{
    /// <summary>The access token's <c>aud</c> for the admin API; no client id can take this form.</summary>
    public const string Resource = "urn:auth:admin";

    public const string ClientsRead = "admin.clients.read";

    public const string ClientsWrite = "admin.clients.write";

    public const string UsersRead = "admin.users.read";

    public const string UsersWrite = "admin.users.write";

    public const string Keys = "admin.keys";

    public const string AuditRead = "admin.audit.read";

    public const string IdentityProvidersRead = "admin.identity-providers.read";

    public const string IdentityProvidersWrite = "admin.identity-providers.write";

    /// <summary>
    /// Grant and withdraw the service's own roles (the console's administrator role). Whoever holds it can make a user
    /// an administrator, who can do in the console what every other admin scope allows: grant it as all of them.
    /// </summary>
    public const string RolesWrite = "admin.roles.write";

    /// <summary>Every admin route, until the release after next; deprecated.</summary>
    public const string Everything = "admin";

    public static readonly IReadOnlyList<ScopeDefinition> Definitions =
    [
        Define(ClientsRead, "Read clients and scopes", "List and read the clients and scopes through the admin API; never a secret."),
        Define(ClientsWrite, "Change clients and scopes", "Create, change and remove clients and scopes, rotate client secrets and mint provisioning tokens, through the admin API."),
        Define(UsersRead, "Read users", "List and read users, their sessions and consents through the admin API."),
        Define(UsersWrite, "Change users", "Create, change, enable, disable, unlock and remove users, set passwords, reset second factors, end sessions and withdraw consents through the admin API."),
        Define(Keys, "Manage signing keys", "List and rotate the token signing keys through the admin API."),
        Define(AuditRead, "Read the audit log", "Read the security audit log through the admin API."),
        Define(IdentityProvidersRead, "Read identity providers", "List and read the upstream identity providers through the admin API; never a client secret or private key."),
        Define(IdentityProvidersWrite, "Change identity providers", "Register, replace and remove the upstream identity providers through the admin API."),
        Define(RolesWrite, "Grant roles", "Grant and withdraw the administrator role of the admin console through the admin API: as powerful as every other admin scope together."),
    ];

    public static readonly IReadOnlySet<string> Names = Definitions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);

    private static ScopeDefinition Define(string name, string displayName, string description) => new()
    {
        Name = name,
        DisplayName = displayName,
        Description = description,
        Resources = [Resource],
    };
}

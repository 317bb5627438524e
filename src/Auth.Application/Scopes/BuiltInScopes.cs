using Auth.Application.Admin;
using Auth.Application.Clients;

namespace Auth.Application.Scopes;

/// <summary>
/// The scopes the server defines itself (<see cref="StandardScopes"/>, <see cref="AdminScopes"/>): never registered,
/// changed or removed by a seed file, the command line or the admin API.
/// </summary>
public static class BuiltInScopes
{
    public static readonly IReadOnlySet<string> Names = StandardScopes.All.Concat(AdminScopes.Names).ToHashSet(StringComparer.Ordinal);
}

using Auth.Application.Clients;
using Auth.Application.Ports;
using Auth.Application.Scopes;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>API scopes are OpenIddict scopes; their resources become the audiences of tokens that carry them.</summary>
public sealed class OpenIddictScopeRegistry(IOpenIddictScopeManager scopes) : IScopeRegistry
{
    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        await scopes.FindByNameAsync(name, cancellationToken) is not null;

    public async Task<RegisteredScope?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var scope = await scopes.FindByNameAsync(name, cancellationToken);
        if (scope is null)
        {
            return null;
        }

        var descriptor = new OpenIddictScopeDescriptor();
        await scopes.PopulateAsync(descriptor, scope, cancellationToken);

        // The version is OpenIddict's concurrency token, new on every update.
        return new RegisteredScope(ToDefinition(descriptor), (scope as OpenIddictEntityFrameworkCoreScope)?.ConcurrencyToken);
    }

    public async Task<bool> AddAsync(ScopeDefinition scope, CancellationToken cancellationToken)
    {
        if (await scopes.FindByNameAsync(scope.Name, cancellationToken) is not null)
        {
            return false;
        }

        await scopes.CreateAsync(ToDescriptor(scope), cancellationToken);
        return true;
    }

    public async Task<ChangeOutcome> ApplyAsync(ScopeDefinition scope, CancellationToken cancellationToken)
    {
        var descriptor = ToDescriptor(scope);
        var existing = await scopes.FindByNameAsync(scope.Name, cancellationToken);
        if (existing is null)
        {
            await scopes.CreateAsync(descriptor, cancellationToken);
            return ChangeOutcome.Created;
        }

        var current = new OpenIddictScopeDescriptor();
        await scopes.PopulateAsync(current, existing, cancellationToken);
        if (current.DisplayName == descriptor.DisplayName &&
            current.Description == descriptor.Description &&
            current.Resources.SetEquals(descriptor.Resources))
        {
            return ChangeOutcome.Unchanged;
        }

        await LostRace.SavingAsync(scopes.UpdateAsync(existing, descriptor, cancellationToken));
        return ChangeOutcome.Updated;
    }

    public async Task<IReadOnlyList<ScopeDefinition>> ListAsync(CancellationToken cancellationToken)
    {
        var listed = new List<ScopeDefinition>();
        await foreach (var scope in scopes.ListAsync(count: null, offset: null, cancellationToken))
        {
            var descriptor = new OpenIddictScopeDescriptor();
            await scopes.PopulateAsync(descriptor, scope, cancellationToken);
            listed.Add(ToDefinition(descriptor));
        }

        return listed.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var scope = await scopes.FindByNameAsync(name, cancellationToken);
        if (scope is null)
        {
            return false;
        }

        await LostRace.SavingAsync(scopes.DeleteAsync(scope, cancellationToken));
        return true;
    }

    private static ScopeDefinition ToDefinition(OpenIddictScopeDescriptor descriptor) => new()
    {
        Name = descriptor.Name!,
        DisplayName = descriptor.DisplayName,
        Description = descriptor.Description,
        Resources = [.. descriptor.Resources.Order(StringComparer.Ordinal)],
    };

    private static OpenIddictScopeDescriptor ToDescriptor(ScopeDefinition scope)
    {
        var descriptor = new OpenIddictScopeDescriptor
        {
            Name = scope.Name,
            DisplayName = scope.DisplayName ?? scope.Name,
            Description = scope.Description,
        };
        descriptor.Resources.UnionWith(scope.Resources);
        return descriptor;
    }
}

using Auth.Api.Tests.Hosting;
using Auth.Application.Ports;
using Auth.Domain.Audit;
using Auth.Domain.IdentityProviders;
using Auth.Domain.Users;
using Auth.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Federation;

/// <summary>What the store keeps about federated sign-ins, as a test reads it: links, users, and the audit records.</summary>
public static class StoredFederation
{
    public static async Task<List<ExternalLogin>> LinksAsync(AuthServer server, string providerId)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        return await db.ExternalLogins.AsNoTracking().Where(l => l.ProviderId == providerId).ToListAsync();
    }

    /// <summary>Every user whose name is this one, whatever its case (there should be one at most).</summary>
    public static async Task<List<User>> UsersNamedAsync(AuthServer server, string userName)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        var normalized = User.Normalize(userName);
        return await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).ToListAsync();
    }

    public static async Task<User?> UserAsync(AuthServer server, string userId)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId);
    }

    /// <summary>The newest audit record's id: records after it are the ones a test's own actions wrote.</summary>
    public static async Task<long> AuditMarkAsync(AuthServer server)
    {
        await server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        return await db.AuditEntries.AsNoTracking().MaxAsync(e => (long?)e.Id) ?? 0;
    }

    /// <summary>The <c>federation.*</c> records written after <paramref name="mark"/>, oldest first.</summary>
    public static async Task<List<AuditEntry>> FederationEventsSinceAsync(AuthServer server, long mark)
    {
        await server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.Id > mark && e.EventType.StartsWith("federation."))
            .OrderBy(e => e.Id)
            .ToListAsync();
    }
}

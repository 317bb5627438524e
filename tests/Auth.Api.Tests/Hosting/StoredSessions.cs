using Auth.Application.Ports;
using Auth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Hosting;

/// <summary>The sessions table as a test reads it: what the server keeps about a user's browser sessions.</summary>
public static class StoredSessions
{
    public static async Task<List<UserSession>> OfAsync(AuthServer server, string userName)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        var userId = await UserIdAsync(db, userName);
        return await db.Sessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync();
    }

    public static async Task<List<string>> ClientsOfAsync(AuthServer server, string sessionId)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthDbContext>();
        return await db.SessionClients.AsNoTracking().Where(c => c.SessionId == sessionId).Select(c => c.ClientId).ToListAsync();
    }

    public static async Task<string> UserIdAsync(AuthServer server, string userName)
    {
        using var scope = server.Services.CreateScope();
        return await UserIdAsync(scope.ServiceProvider.GetRequiredService<IAuthDbContext>(), userName);
    }

    private static Task<string> UserIdAsync(IAuthDbContext db, string userName) =>
        db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
}

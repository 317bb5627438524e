using Auth.Domain.Audit;
using Auth.Domain.Groups;
using Auth.Domain.Keys;
using Auth.Domain.Mfa;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Auth.Application.Ports;

/// <summary>The service's own tables, as the use cases see them (OpenIddict's tables are reached through its managers).</summary>
public interface IAuthDbContext
{
    DbSet<User> Users { get; }

    DbSet<SigningKey> SigningKeys { get; }

    DbSet<RefusedSignInName> RefusedSignInNames { get; }

    DbSet<Group> Groups { get; }

    DbSet<GroupMember> GroupMembers { get; }

    DbSet<TotpAuthenticator> TotpAuthenticators { get; }

    DbSet<RecoveryCode> RecoveryCodes { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<UserSession> Sessions { get; }

    DbSet<SessionClient> SessionClients { get; }

    DatabaseFacade Database { get; }

    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

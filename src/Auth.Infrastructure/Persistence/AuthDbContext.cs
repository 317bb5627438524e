using Auth.Application.Ports;
using Auth.Domain.Audit;
using Auth.Domain.Groups;
using Auth.Domain.IdentityProviders;
using Auth.Domain.Keys;
using Auth.Domain.Mfa;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Auth.Infrastructure.AccessChanges;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// One context for everything the service stores: its own tables, OpenIddict's applications, authorizations,
/// scopes and tokens, and the ASP.NET Data Protection key ring. Each provider has a subclass that owns its migrations.
/// </summary>
public abstract class AuthDbContext(DbContextOptions options) : DbContext(options), IAuthDbContext, IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<RefusedSignInName> RefusedSignInNames => Set<RefusedSignInName>();

    public DbSet<PasswordSetupLink> PasswordSetupLinks => Set<PasswordSetupLink>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<ClientRoleMapping> ClientRoleMappings => Set<ClientRoleMapping>();

    public DbSet<TotpAuthenticator> TotpAuthenticators => Set<TotpAuthenticator>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<SessionClient> SessionClients => Set<SessionClient>();

    public DbSet<BackChannelLogoutNotice> BackChannelLogoutNotices => Set<BackChannelLogoutNotice>();

    public DbSet<IdentityProvider> IdentityProviders => Set<IdentityProvider>();

    public DbSet<IdentityProviderDomain> IdentityProviderDomains => Set<IdentityProviderDomain>();

    public DbSet<ExternalLogin> ExternalLogins => Set<ExternalLogin>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AccessChange> AccessChanges => Set<AccessChange>();

    private List<Action>? _afterCommit;

    /// <summary>
    /// Runs <paramref name="action"/> once what was written so far is durable: now, outside a transaction; when the
    /// transaction commits, inside one (<see cref="AccessChangeCommits"/>); never, if it rolls back.
    /// </summary>
    internal void AfterCommit(Action action)
    {
        if (!InTransaction)
        {
            action();
        }
        else
        {
            (_afterCommit ??= []).Add(action);
        }
    }

    internal void Committed()
    {
        var actions = _afterCommit;
        _afterCommit = null;
        actions?.ForEach(action => action());
    }

    internal void RolledBack() => _afterCommit = null;

    public async Task<ITransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        InTransaction
            ? DatabaseTransaction.Joined
            : new DatabaseTransaction(await Database.BeginTransactionAsync(cancellationToken));

    public bool InTransaction => Database.CurrentTransaction is not null;

    public Task<bool> CanConnectAsync(CancellationToken cancellationToken) => Database.CanConnectAsync(cancellationToken);

    public void DiscardChanges() => ChangeTracker.Clear();

    // Each provider reads its own error codes.
    public abstract bool IsUniqueViolation(DbUpdateException exception);

    public abstract bool IsMissingReference(DbUpdateException exception);

    public abstract bool IsDeadlock(Exception exception);

    public abstract Task<bool> LockUserForDeletionAsync(string userId, long? version, CancellationToken cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuthDbContext).Assembly);
    }
}

using Auth.Domain.Audit;
using Auth.Domain.Groups;
using Auth.Domain.IdentityProviders;
using Auth.Domain.Keys;
using Auth.Domain.Mfa;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Ports;

/// <summary>
/// The service's own tables, as the use cases see them, and the few things they need of the database beyond them.
/// The authorization server's clients, scopes, tokens and authorizations are reached through
/// <see cref="IClientRegistry"/>, <see cref="IScopeRegistry"/>, <see cref="IGrantStore"/> and <see cref="IConsentStore"/>.
/// </summary>
public interface IAuthDbContext
{
    DbSet<User> Users { get; }

    DbSet<SigningKey> SigningKeys { get; }

    DbSet<RefusedSignInName> RefusedSignInNames { get; }

    DbSet<PasswordSetupLink> PasswordSetupLinks { get; }

    DbSet<Group> Groups { get; }

    DbSet<GroupMember> GroupMembers { get; }

    DbSet<ClientRoleMapping> ClientRoleMappings { get; }

    DbSet<TotpAuthenticator> TotpAuthenticators { get; }

    DbSet<RecoveryCode> RecoveryCodes { get; }

    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<UserSession> Sessions { get; }

    DbSet<SessionClient> SessionClients { get; }

    DbSet<BackChannelLogoutNotice> BackChannelLogoutNotices { get; }

    DbSet<IdentityProvider> IdentityProviders { get; }

    DbSet<IdentityProviderDomain> IdentityProviderDomains { get; }

    DbSet<ExternalLogin> ExternalLogins { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins a transaction over everything this scope writes, the ports' writes included. Inside one already begun
    /// in this scope it joins that one: its commit and its rollback are then the outer transaction's to do.
    /// </summary>
    Task<ITransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>Whether a transaction is open in this scope: a write begun now joins it (<see cref="BeginTransactionAsync"/>).</summary>
    bool InTransaction { get; }

    /// <summary>Whether the database answers; false (or an exception, with some providers) during an outage.</summary>
    Task<bool> CanConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Forgets every entity this scope has read or added, so the next query reads the rows afresh and the next save
    /// does not try again what a failed one could not write.
    /// </summary>
    void DiscardChanges();

    /// <summary>
    /// Whether a save failed because a unique index or primary key refused a row (a parallel request wrote it first),
    /// rather than because of an outage or a bug.
    /// </summary>
    bool IsUniqueViolation(DbUpdateException exception);

    /// <summary>Whether a save failed because a row it refers to is gone (a parallel request deleted it).</summary>
    bool IsMissingReference(DbUpdateException exception);

    /// <summary>
    /// Whether a statement or a save failed because the database ended this transaction to break a deadlock with
    /// another: nothing of the transaction was written, and it can be made again whole (PostgreSQL's 40P01; SQLite
    /// lets one writer in at a time and reports none).
    /// </summary>
    bool IsDeadlock(Exception exception);

    /// <summary>
    /// Inside a transaction, takes the user's row as a deletion does, before the rows that hang off it (sessions,
    /// tokens), as every other write that ends a user's access takes it first: on PostgreSQL a <c>FOR UPDATE</c> lock,
    /// which also waits for a membership being written for the user; SQLite lets one writer in at a time and needs
    /// none. False when the row is gone or, with <paramref name="version"/>, at another version.
    /// </summary>
    Task<bool> LockUserForDeletionAsync(string userId, long? version, CancellationToken cancellationToken);
}

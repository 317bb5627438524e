using Auth.Application.Behaviours;
using Auth.Application.Clients;
using Auth.Application.Groups;
using Auth.Application.IdentityProviders;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Scopes;
using Auth.Application.Users;
using Auth.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Seed;

/// <summary>
/// Brings scopes, clients, identity providers and users in line with a seed document. Idempotent: entries that already match are
/// left alone, so the seed can be applied at every start. Entries the document does not name are kept.
/// </summary>
public sealed record ApplySeed(SeedDocument Document) : ICommand<Result<SeedSummary>>;

public sealed record SeedSummary(int Created, int Updated, int Unchanged);

public sealed class ApplySeedHandler(ISender sender, IAuthDbContext db) : ICommandHandler<ApplySeed, Result<SeedSummary>>
{
    public async ValueTask<Result<SeedSummary>> Handle(ApplySeed command, CancellationToken cancellationToken)
    {
        // All or nothing: the registrations below share this scope's context, so one transaction covers them.
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var outcomes = new List<ChangeOutcome>();

        // Scopes first: clients are checked against the registered scopes.
        foreach (var scope in command.Document.Scopes)
        {
            var result = await sender.Send(new RegisterScope(scope, ReplaceExisting: true), cancellationToken);
            if (!result.Succeeded)
            {
                return Error.Invalid($"Scope '{scope.Name}': {result.Error.Description}");
            }

            outcomes.Add(result.Value);
        }

        foreach (var client in command.Document.Clients)
        {
            var result = await sender.Send(new RegisterClient(client, ReplaceExisting: true), cancellationToken);
            if (!result.Succeeded)
            {
                return Error.Invalid($"Client '{client.ClientId}': {result.Error.Description}");
            }

            outcomes.Add(result.Value);
        }

        // After the clients: a provider's provisioningClient must exist.
        for (var index = 0; index < command.Document.IdentityProviders.Count; index++)
        {
            var provider = command.Document.IdentityProviders[index];
            var entry = $"identityProviders[{index}] ('{provider.Id}')";
            Result<ChangeOutcome> result;
            try
            {
                result = await sender.Send(new RegisterIdentityProvider(provider, ReplaceExisting: true), cancellationToken);
            }
            catch (RequestValidationException ex)
            {
                // The rules name the member (issuer: ...); the entry is named here, so the operator finds it in the file.
                return Error.Invalid($"{entry}: {ex.Message}");
            }

            if (!result.Succeeded)
            {
                return Error.Invalid($"{entry}: {result.Error.Description}");
            }

            outcomes.Add(result.Value);
        }

        // A user whose name as a member changes raises their groups' versions, and this transaction keeps every row it
        // takes until it commits: those users' groups are taken first, in their ids' order, before any user's row
        // (MembershipVersions). A seed that changes no such name takes none.
        await db.LockGroupsOfUsersAsync(await UsersShownAnewAsync(command.Document.Users, cancellationToken), cancellationToken);

        foreach (var user in command.Document.Users)
        {
            var result = await sender.Send(new RegisterUser(user, ReplaceExisting: true), cancellationToken);
            if (!result.Succeeded)
            {
                return Error.Invalid($"User '{user.UserName}': {result.Error.Description}");
            }

            outcomes.Add(result.Value);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SeedSummary(
            outcomes.Count(o => o == ChangeOutcome.Created),
            outcomes.Count(o => o == ChangeOutcome.Updated),
            outcomes.Count(o => o == ChangeOutcome.Unchanged));
    }

    /// <summary>
    /// The existing users the document shows differently as group members (<see cref="MembershipVersions.MemberDisplay"/>):
    /// a new display name, or a new spelling of the user name of one without.
    /// </summary>
    private async Task<List<string>> UsersShownAnewAsync(IReadOnlyList<UserDefinition> users, CancellationToken cancellationToken)
    {
        var shownAs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in users.Where(u => u.UserName is not null))
        {
            shownAs[User.Normalize(user.UserName)] = MembershipVersions.MemberDisplay(user.DisplayName, UserNameRule.Canonical(user.UserName));
        }

        if (shownAs.Count == 0)
        {
            return [];
        }

        var names = shownAs.Keys.ToList();
        var stored = await db.Users.AsNoTracking().Where(u => names.Contains(u.NormalizedUserName))
            .Select(u => new { u.Id, u.NormalizedUserName, u.DisplayName, u.UserName }).ToListAsync(cancellationToken);
        return [.. stored.Where(u => MembershipVersions.MemberDisplay(u.DisplayName, u.UserName) != shownAs[u.NormalizedUserName]).Select(u => u.Id)];
    }
}

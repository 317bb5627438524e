using Auth.Application.Audit;
using Auth.Application.Concurrency;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.SignIn;
using Auth.Application.Users;
using Auth.Domain.IdentityProviders;
using Auth.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.IdentityProviders;

/// <summary>
/// Finds (or, when the provider allows, creates) the local user an upstream identity is, by the provider's linking
/// rules (<see cref="LinkingPolicy"/>). Sent by the callback once OpenIddict has validated the upstream's answer.
/// A refusal's <see cref="Error.Code"/> is its audit outcome (<c>not_linked</c>, <c>disabled</c>, <c>rejected</c>).
/// </summary>
public sealed record SignInWithIdentityProvider(UpstreamIdentity Upstream) : ICommand<Result<FederatedSignIn>>;

/// <summary>Who signed in through which provider, and whether this sign-in made the link or the user.</summary>
/// <param name="LinkedBy">The rule that linked the identity at this sign-in; null when the link already existed.</param>
public sealed record FederatedSignIn(SignedInUser User, string ProviderId, LinkRule? LinkedBy, bool CreatedJustInTime);

public sealed class SignInWithIdentityProviderHandler(IAuthDbContext db, ISecurityEvents events, TimeProvider clock)
    : ICommandHandler<SignInWithIdentityProvider, Result<FederatedSignIn>>
{
    /// <summary>One sentence for every refusal: the page does not tell which rule failed; the audit log does.</summary>
    public const string Refusal = "Your account at this identity provider is not linked to an account here, or the account cannot sign in right now.";

    // The user may be written between this sign-in's read and its save (a directory's change to them or to one of their
    // groups, another sign-in): the decision is made again on fresh data.
    public async ValueTask<Result<FederatedSignIn>> Handle(SignInWithIdentityProvider command, CancellationToken cancellationToken) =>
        await WriteRetry.OnFreshDataAsync(db, () => SignInAsync(command, cancellationToken), cancellationToken);

    private async Task<Result<FederatedSignIn>> SignInAsync(SignInWithIdentityProvider command, CancellationToken cancellationToken)
    {
        var upstream = command.Upstream;
        var provider = await db.IdentityProviders.AsNoTracking().Include(p => p.Domains)
            .SingleOrDefaultAsync(p => p.Id == upstream.ProviderId, cancellationToken);
        if (provider is not { Enabled: true })
        {
            return Refuse(upstream.ProviderId, LinkRefusal.ProviderUnavailable);
        }

        if (LinkingPolicy.CheckUpstream(provider, upstream, out var subject) is { } refusal)
        {
            return Refuse(provider.Id, refusal);
        }

        var now = clock.GetUtcNow();
        var link = await db.ExternalLogins.SingleOrDefaultAsync(l => l.ProviderId == provider.Id && l.UpstreamSubject == subject, cancellationToken);
        var decision = link is { UserId: { } linkedUserId }
            ? LinkingPolicy.ForLinkedUser((await CandidatesAsync(provider.Id, db.Users.Where(u => u.Id == linkedUserId), cancellationToken)).SingleOrDefault())
            : await FirstSignInAsync(provider, upstream, tombstone: link is not null, cancellationToken);

        User? user;
        switch (decision)
        {
            case LinkDecision.SignIn(var userId):
                user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
                link!.RecordSignIn(now);
                break;
            case LinkDecision.Link(var userId, var rule):
                user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
                if (link is null)
                {
                    db.ExternalLogins.Add(new ExternalLogin(provider.Id, subject, userId, rule, now));
                }
                else
                {
                    link.Relink(userId, rule, now);
                }

                break;
            case LinkDecision.CreateUser(var userName):
                user = JustInTimeUser(provider, upstream, userName, now);
                db.Users.Add(user);
                db.ExternalLogins.Add(new ExternalLogin(provider.Id, subject, user.Id, LinkRule.JustInTime, now));
                break;
            case LinkDecision.Refuse(var reason):
                return Refuse(provider.Id, reason, link?.UserId);
            default:
                throw new InvalidOperationException($"Unexpected linking decision {decision}.");
        }

        user.RecordFederatedSignIn(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // A parallel sign-in linked the identity or the user, or took the name: refuse, never retry onto another user.
            // A user created just in time was never saved, so the record names no subject rather than a user that does not exist.
            db.DiscardChanges();
            return decision is LinkDecision.CreateUser
                ? Refuse(provider.Id, LinkRefusal.UserNameTaken)
                : Refuse(provider.Id, LinkRefusal.AlreadyLinked, user.Id);
        }

        var linkedBy = decision switch
        {
            LinkDecision.Link(_, var rule) => rule,
            LinkDecision.CreateUser => LinkRule.JustInTime,
            _ => (LinkRule?)null,
        };
        if (linkedBy == LinkRule.JustInTime)
        {
            events.Record(new SecurityEvent(SecurityEventTypes.FederatedUserCreated, SecurityEventOutcomes.Success, user.Id, Detail: provider.Id));
        }

        if (linkedBy is { } made)
        {
            events.Record(new SecurityEvent(SecurityEventTypes.FederatedIdentityLinked, SecurityEventOutcomes.Success, user.Id, Detail: $"{provider.Id} {RuleName(made)}"));
        }

        events.Record(new SecurityEvent(SecurityEventTypes.FederatedSignIn, SecurityEventOutcomes.Success, user.Id, Detail: provider.Id));
        var signedIn = new SignedInUser(user.Id, user.UserName, user.SecurityStamp, upstream.AuthenticatedAt is { } at && at <= now ? at : now);
        return new FederatedSignIn(signedIn, provider.Id, linkedBy, linkedBy == LinkRule.JustInTime);
    }

    private async Task<LinkDecision> FirstSignInAsync(IdentityProvider provider, UpstreamIdentity upstream, bool tombstone, CancellationToken cancellationToken)
    {
        var matches = new List<CandidateMatches>();
        foreach (var lookup in LinkingPolicy.Lookups(provider, upstream))
        {
            var normalizedEmail = lookup.Value.ToUpperInvariant();
            var users = lookup.Rule switch
            {
                LinkRule.ExternalId => db.Users.Where(u => u.ExternalId == lookup.Value && u.ExternalIdIssuer == provider.ProvisioningClient),
                LinkRule.UserName => db.Users.Where(u => u.NormalizedUserName == User.Normalize(lookup.Value)),
                _ => db.Users.Where(u => u.Emails.Any(e => e.NormalizedValue == normalizedEmail)),
            };
            matches.Add(new CandidateMatches(lookup, await CandidatesAsync(provider.Id, users, cancellationToken)));
        }

        var userName = provider.JustInTime ? upstream.Claim(provider.UserNameClaim) : null;
        var userNameTaken = userName is not null && UserNameRule.Problem(userName) is null &&
            await db.Users.AnyAsync(u => u.NormalizedUserName == User.Normalize(userName), cancellationToken);
        return LinkingPolicy.ForFirstSignIn(provider, upstream, matches, tombstone, userNameTaken);
    }

    private async Task<IReadOnlyList<LinkCandidate>> CandidatesAsync(string providerId, IQueryable<User> users, CancellationToken cancellationToken)
    {
        // A handful of rows at most: a rule that finds more is refused as ambiguous anyway.
        var found = await users.AsNoTracking().Take(10).ToListAsync(cancellationToken);
        var ids = found.Select(u => u.Id).ToList();
        var links = await db.ExternalLogins.AsNoTracking()
            .Where(l => l.UserId != null && ids.Contains(l.UserId))
            .Select(l => new { l.UserId, l.ProviderId })
            .ToListAsync(cancellationToken);
        return [.. found.Select(u => new LinkCandidate(
            u.Id,
            u.UserName,
            u.IsActive,
            u.ExternalId,
            u.ExternalIdIssuer,
            u.EmailVerified,
            [.. u.Emails.Select(e => e.Value)],
            LinkedToThisProvider: links.Any(l => l.UserId == u.Id && l.ProviderId == providerId),
            LinkedToAnotherProvider: links.Any(l => l.UserId == u.Id && l.ProviderId != providerId)))];
    }

    /// <summary>The profile comes from the mapped claims; the address counts as verified only if the upstream said so.</summary>
    private static User JustInTimeUser(IdentityProvider provider, UpstreamIdentity upstream, string userName, DateTimeOffset now)
    {
        var user = User.CreatedBy(provider.Id, userName, now);
        user.GivenName = Bounded(upstream.Claim(provider.GivenNameClaim));
        user.FamilyName = Bounded(upstream.Claim(provider.FamilyNameClaim));
        user.DisplayName = Bounded(upstream.Claim(provider.DisplayNameClaim));
        if (upstream.Claim(provider.EmailClaim) is { Length: <= 320 } email && email.Contains('@', StringComparison.Ordinal))
        {
            user.ReplaceEmails([new UserEmail(email, primary: true)], verified: upstream.EmailVerified == true);
        }

        return user;
    }

    private static string? Bounded(string? value) => value is { Length: <= 256 } ? value : null;

    private Error Refuse(string providerId, LinkRefusal reason, string? userId = null)
    {
        var outcome = reason switch
        {
            LinkRefusal.UserInactive or LinkRefusal.UserDeleted => SecurityEventOutcomes.Disabled,
            LinkRefusal.NoSubject or LinkRefusal.WrongTenant or LinkRefusal.WrongIssuer => SecurityEventOutcomes.Rejected,
            _ => SecurityEventOutcomes.NotLinked,
        };
        events.Record(new SecurityEvent(SecurityEventTypes.FederatedSignIn, outcome, userId, Detail: $"{providerId} {RefusalName(reason)}"));
        return new Error(ErrorKind.Unauthorized, Refusal, outcome);
    }

    private static string RuleName(LinkRule rule) => rule switch
    {
        LinkRule.ExternalId => "external_id",
        LinkRule.UserName => "user_name",
        LinkRule.VerifiedEmail => "verified_email",
        _ => "just_in_time",
    };

    private static string RefusalName(LinkRefusal reason) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());
}

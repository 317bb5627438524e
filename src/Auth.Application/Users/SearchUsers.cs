using Auth.Application.Ports;
using Auth.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// One page of users for operators (the admin API), by user name, filtered by a user name prefix, an e-mail address,
/// whether they are active, and a group they belong to. Keyset paging: <see cref="After"/> is the last page's
/// <see cref="UserPage.NextAfter"/>, so a page costs the same wherever it is and a user added meanwhile is neither
/// skipped nor repeated. SCIM has its own paged listing.
/// </summary>
public sealed record SearchUsers(
    string? UserNamePrefix = null,
    string? Email = null,
    bool? Active = null,
    string? GroupId = null,
    string? After = null,
    int Count = SearchUsers.DefaultCount) : IQuery<UserPage>
{
    public const int DefaultCount = 50;

    public const int MaximumCount = 500;
}

/// <summary>A page of users; <see cref="NextAfter"/> is null on the last.</summary>
public sealed record UserPage(IReadOnlyList<UserSummary> Users, string? NextAfter);

public sealed class SearchUsersValidator : AbstractValidator<SearchUsers>
{
    public SearchUsersValidator()
    {
        RuleFor(q => q.Count).InclusiveBetween(1, SearchUsers.MaximumCount)
            .WithMessage($"count is a whole number from 1 to {SearchUsers.MaximumCount}.");
        RuleFor(q => q.UserNamePrefix).MaximumLength(256);
        RuleFor(q => q.Email).MaximumLength(320);
        RuleFor(q => q.GroupId).MaximumLength(64);
        RuleFor(q => q.After).MaximumLength(1024);
    }
}

public sealed class SearchUsersHandler(IAuthDbContext db, TimeProvider clock) : IQueryHandler<SearchUsers, UserPage>
{
    public async ValueTask<UserPage> Handle(SearchUsers query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (query.UserNamePrefix is { Length: > 0 } prefix)
        {
            var normalized = User.Normalize(prefix);
            users = users.Where(u => u.NormalizedUserName.StartsWith(normalized));
        }

        if (query.Email is { Length: > 0 } email)
        {
            var normalized = UserEmail.Normalize(email);
            users = users.Where(u => u.Emails.Any(e => e.NormalizedValue == normalized));
        }

        if (query.Active is { } active)
        {
            users = users.Where(u => u.IsActive == active);
        }

        if (query.GroupId is { Length: > 0 } groupId)
        {
            users = users.Where(u => db.GroupMembers.Any(m => m.GroupId == groupId && m.UserId == u.Id));
        }

        if (query.After is { } after)
        {
            users = users.Where(u => string.Compare(u.NormalizedUserName, after) > 0);
        }

        // One more than the page: whether another page follows, without a count.
        var found = await users.OrderBy(u => u.NormalizedUserName).Take(query.Count + 1)
            .Include(u => u.Emails)
            .ToListAsync(cancellationToken);
        var page = found.Take(query.Count).ToList();
        var now = clock.GetUtcNow();
        return new UserPage(
            page.Select(u => new UserSummary(u.Id, u.UserName, u.DisplayName, u.PrimaryEmail, u.IsActive, u.IsLockedOut(now))).ToList(),
            found.Count > query.Count ? page[^1].NormalizedUserName : null);
    }
}

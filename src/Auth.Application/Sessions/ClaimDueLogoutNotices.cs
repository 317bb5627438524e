using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Sessions;

/// <summary>
/// The back-channel logout outbox's next due notices, each claimed for this node: a conditional update gives a notice
/// to one node only (the first to write a new claim token over the one it read), and moves its due time to the end of
/// a lease, so a node that dies while sending leaves it to another once the lease runs out (at-least-once delivery).
/// </summary>
public sealed record ClaimDueLogoutNotices(int Limit) : ICommand<IReadOnlyList<ClaimedLogoutNotice>>;

/// <param name="ClaimToken">What <see cref="RecordLogoutNoticeAttempt"/> must present: the claim is still this node's.</param>
public sealed record ClaimedLogoutNotice(Guid Id, Guid ClaimToken, string ClientId, string Subject, string SessionId, int Attempts);

public sealed class ClaimDueLogoutNoticesHandler(IAuthDbContext db, IOptions<BackChannelLogoutOptions> options, TimeProvider clock)
    : ICommandHandler<ClaimDueLogoutNotices, IReadOnlyList<ClaimedLogoutNotice>>
{
    public async ValueTask<IReadOnlyList<ClaimedLogoutNotice>> Handle(ClaimDueLogoutNotices command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.BackChannelLogoutNotices.AsNoTracking()
            .Where(n => !n.Failed && n.NextAttemptAt <= now)
            .OrderBy(n => n.NextAttemptAt)
            .Take(command.Limit)
            .Select(n => new { n.Id, n.ClaimToken, n.ClientId, n.Subject, n.SessionId, n.Attempts })
            .ToListAsync(cancellationToken);

        var leaseEnd = now + options.Value.Lease;
        var claimed = new List<ClaimedLogoutNotice>(due.Count);
        foreach (var notice in due)
        {
            var token = Guid.CreateVersion7(now);
            var seen = notice.ClaimToken;
            var won = await db.BackChannelLogoutNotices
                .Where(n => n.Id == notice.Id && n.ClaimToken == seen && !n.Failed && n.NextAttemptAt <= now)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.ClaimToken, token).SetProperty(n => n.NextAttemptAt, leaseEnd), cancellationToken);
            if (won == 1)
            {
                claimed.Add(new ClaimedLogoutNotice(notice.Id, token, notice.ClientId, notice.Subject, notice.SessionId, notice.Attempts));
            }
        }

        return claimed;
    }
}

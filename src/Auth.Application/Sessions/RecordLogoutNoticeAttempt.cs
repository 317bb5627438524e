using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Sessions;

/// <summary>
/// What came of sending a claimed notice. Delivered, it is deleted. Refused or unanswered, it is due again after a
/// back-off that doubles with each attempt (<see cref="BackChannelLogoutOptions.RetryDelayAfter"/>), until its give-up
/// time: then it is marked failed and the failure audited. A claim that is no longer this node's changes nothing.
/// </summary>
/// <param name="Error">Null when delivered; else a short reason (a status code, a timeout), never a response body.</param>
public sealed record RecordLogoutNoticeAttempt(ClaimedLogoutNotice Notice, string? Error) : ICommand<LogoutNoticeOutcome>;

public enum LogoutNoticeOutcome
{
    Delivered,
    Retrying,
    Failed,

    /// <summary>The claim had passed to another node (this attempt outlived its lease), or the notice is gone.</summary>
    Lost,
}

public sealed class RecordLogoutNoticeAttemptHandler(IAuthDbContext db, IOptions<BackChannelLogoutOptions> options, ISecurityEvents events, TimeProvider clock)
    : ICommandHandler<RecordLogoutNoticeAttempt, LogoutNoticeOutcome>
{
    public async ValueTask<LogoutNoticeOutcome> Handle(RecordLogoutNoticeAttempt command, CancellationToken cancellationToken)
    {
        var notice = command.Notice;
        var ours = db.BackChannelLogoutNotices.Where(n => n.Id == notice.Id && n.ClaimToken == notice.ClaimToken);
        if (command.Error is null)
        {
            return await ours.ExecuteDeleteAsync(cancellationToken) == 1 ? LogoutNoticeOutcome.Delivered : LogoutNoticeOutcome.Lost;
        }

        var now = clock.GetUtcNow();
        var attempts = notice.Attempts + 1;
        var error = command.Error.Length > BackChannelLogoutNotice.MaximumErrorLength ? command.Error[..BackChannelLogoutNotice.MaximumErrorLength] : command.Error;
        var next = now + options.Value.RetryDelayAfter(attempts);
        var retried = await ours.Where(n => n.GiveUpAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.Attempts, attempts).SetProperty(n => n.NextAttemptAt, next).SetProperty(n => n.LastError, error), cancellationToken);
        if (retried == 1)
        {
            return LogoutNoticeOutcome.Retrying;
        }

        var failed = await ours.ExecuteUpdateAsync(
            set => set.SetProperty(n => n.Attempts, attempts).SetProperty(n => n.Failed, true).SetProperty(n => n.LastError, error), cancellationToken);
        if (failed == 0)
        {
            return LogoutNoticeOutcome.Lost;
        }

        events.Record(new SecurityEvent(SecurityEventTypes.BackChannelLogoutFailed, SecurityEventOutcomes.Failure, notice.Subject, notice.ClientId,
            Detail: $"after {attempts} attempts: {error}"));
        return LogoutNoticeOutcome.Failed;
    }
}

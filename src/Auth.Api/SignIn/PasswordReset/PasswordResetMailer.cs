using System.Collections.Concurrent;
using System.Threading.Channels;
using Auth.Application.Ports;
using Auth.Application.Users;
using Mediator;

namespace Auth.Api.SignIn.PasswordReset;

/// <summary>
/// Runs the "Forgot your password?" requests after the page has answered, so neither the answer nor its timing depends
/// on the account. The requests are taken one at a time in the order they came (<see cref="IssuePasswordResetLink"/>:
/// the lookup, the checks and the link, a few database round trips), and each mail is sent on its own
/// (<see cref="DeliverPasswordResetLink"/>), up to <see cref="ConcurrentDeliveries"/> at once, so below that one
/// account's mail does not delay the requests after it (which would tell someone timing their own mail how many of
/// the names they asked for before it were mailed). Bounded: a request that finds <see cref="Capacity"/> requests
/// waiting, or <see cref="ConcurrentDeliveries"/> mails being sent, is dropped with a warning before any link is made
/// (a flood the per-address rate limit let through, or a mail server that stopped answering); so are requests queued
/// when the node stops. The person asks again. Mails being sent when the node stops are cut short, and their links
/// removed.
/// </summary>
public sealed partial class PasswordResetMailer(IServiceScopeFactory scopes, ILogger<PasswordResetMailer> logger) : BackgroundService
{
    private const int Capacity = 256;

    private const int ConcurrentDeliveries = 16;

    private readonly Channel<IssuePasswordResetLink> _queue = Channel.CreateBounded<IssuePasswordResetLink>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly ConcurrentDictionary<Task, bool> _deliveries = new();

    /// <summary>Queues a request; false when the queue is full and it was dropped.</summary>
    public bool TryQueue(IssuePasswordResetLink request)
    {
        var queued = _queue.Writer.TryWrite(request);
        if (!queued)
        {
            LogDropped(logger, Capacity);
        }

        return queued;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            // Only this loop adds deliveries, so the count cannot grow past the bound between the check and the add.
            if (_deliveries.Count >= ConcurrentDeliveries)
            {
                LogBusy(logger, ConcurrentDeliveries);
                continue;
            }

            IssuedPasswordReset? issued;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                issued = await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // One request's failure (the store unreachable) must not stop the ones after it.
                LogFailed(logger, ex);
                continue;
            }

            if (issued is not null)
            {
                var delivery = DeliverAsync(issued, stoppingToken);
                _deliveries.TryAdd(delivery, true);
                _ = delivery.ContinueWith(done => _deliveries.TryRemove(done, out _), TaskScheduler.Default);
            }
        }
    }

    /// <summary>Stops taking requests, then waits for the mails being sent (cut short by the stop) to record what became of them.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_deliveries.Keys).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>One mail; what became of it is recorded by the use case, and logged here when it failed. Never faults.</summary>
    private async Task DeliverAsync(IssuedPasswordReset issued, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DeliverPasswordResetLink(issued), stoppingToken);
        }
        catch (MailDeliveryException ex)
        {
            LogNotSent(logger, ex.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping; the use case removed the link and recorded it.
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password reset request was dropped: {Capacity} are already waiting")]
    private static partial void LogDropped(ILogger logger, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password reset request was dropped: {Deliveries} reset mails are being sent")]
    private static partial void LogBusy(ILogger logger, int deliveries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password reset mail was not sent; its link is removed: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A password reset request failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Auth.Application.Users;
using Mediator;

namespace Auth.Api.SignIn.PasswordReset;

/// <summary>
/// Runs the "Forgot your password?" requests after the page has answered, so neither the answer nor its timing depends
/// on the account. The requests are taken one at a time in the order they came (<see cref="IssuePasswordResetLink"/>:
/// the lookup, the checks and the link, a few database round trips), and each mail is sent on its own
/// (<see cref="DeliverPasswordResetLink"/>, at most <see cref="ConcurrentDeliveries"/> at once), so a mail server's
/// slowness with one account does not delay the requests after it, which would tell someone timing their own mail how
/// many of the names they asked for before it were mailed. A request that finds the queue full (a flood the
/// per-address rate limit let through) is dropped with a warning, and so are those queued when the node stops: the
/// person asks again. Mails being sent when the node stops are cut short, and their links removed.
/// </summary>
public sealed partial class PasswordResetMailer(IServiceScopeFactory scopes, ILogger<PasswordResetMailer> logger) : BackgroundService
{
    private const int Capacity = 256;

    private const int ConcurrentDeliveries = 4;

    private readonly Channel<IssuePasswordResetLink> _queue = Channel.CreateBounded<IssuePasswordResetLink>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly SemaphoreSlim _senders = new(ConcurrentDeliveries);

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

    public override void Dispose()
    {
        _senders.Dispose();
        base.Dispose();
    }

    private async Task DeliverAsync(IssuedPasswordReset issued, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var entered = false;
        try
        {
            await _senders.WaitAsync(stoppingToken);
            entered = true;
        }
        catch (OperationCanceledException)
        {
            // Stopping before its turn: the handler below sees the cancelled token and removes the link.
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DeliverPasswordResetLink(issued), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, ex);
        }
        catch (OperationCanceledException)
        {
            // The node is stopping; the handler removed the link and recorded it.
        }
        finally
        {
            if (entered)
            {
                _senders.Release();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password reset request was dropped: {Capacity} are already waiting")]
    private static partial void LogDropped(ILogger logger, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "A password reset request failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

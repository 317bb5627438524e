using System.Threading.Channels;
using Auth.Application.Users;
using Mediator;

namespace Auth.Api.SignIn.PasswordReset;

/// <summary>
/// Runs the "Forgot your password?" requests (<see cref="SendPasswordResetLink"/>) after the page has answered, one at a
/// time in the order they came: the page's answer and its timing are then the same whether or not an account matched,
/// was mailed, or the mail server was slow. A request that finds the queue full (a flood the per-address rate limit let
/// through) is dropped with a warning; the person asks again. A request queued when the node stops is lost the same way.
/// </summary>
public sealed partial class PasswordResetMailer(IServiceScopeFactory scopes, ILogger<PasswordResetMailer> logger) : BackgroundService
{
    private const int Capacity = 256;

    private readonly Channel<SendPasswordResetLink> _queue = Channel.CreateBounded<SendPasswordResetLink>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Queues a request; false when the queue is full and it was dropped.</summary>
    public bool TryQueue(SendPasswordResetLink request)
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
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(request, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // One request's failure (the store unreachable) must not stop the ones after it.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A password reset request was dropped: {Capacity} are already waiting")]
    private static partial void LogDropped(ILogger logger, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "A password reset request failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

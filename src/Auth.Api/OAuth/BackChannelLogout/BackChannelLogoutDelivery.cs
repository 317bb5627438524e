using System.Net;
using Auth.Api.Observability;
using Auth.Application.Ports;
using Auth.Application.Sessions;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Options;

namespace Auth.Api.OAuth.BackChannelLogout;

/// <summary>
/// Sends the back-channel logout outbox (decision 0020): every node looks for due notices each
/// OAuth:BackChannelLogoutPollInterval, claims them (<see cref="ClaimDueLogoutNotices"/>), POSTs a fresh logout token to
/// each client's <c>backchannel_logout_uri</c> (§2.5; a self-registered client's only where the
/// <see cref="OutboundAddressGuard"/> permits) and records what came of it (<see cref="RecordLogoutNoticeAttempt"/>).
/// Notices outlive the process: those left by a stopped node are sent by the next one.
/// </summary>
public sealed partial class BackChannelLogoutDelivery(
    IServiceScopeFactory scopes,
    IHttpClientFactory http,
    LogoutTokenIssuer tokens,
    AuthMetrics metrics,
    IOptions<BackChannelLogoutOptions> options,
    TimeProvider clock,
    StoreReadiness readiness,
    ILogger<BackChannelLogoutDelivery> logger) : BackgroundService
{
    /// <summary>The named <see cref="HttpClient"/>: follows no redirect, keeps no cookie.</summary>
    public const string HttpClientName = "backchannel-logout";

    private const int BatchSize = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.BackChannelLogoutPollInterval, clock);
        do
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) == BatchSize)
                {
                    // A full batch: there may be more due at once.
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // An outage must not stop the loop: the notices wait in the database for the next round.
                LogRoundFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> DeliverDueAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<ClaimedLogoutNotice> claimed;
        using (var scope = scopes.CreateScope())
        {
            claimed = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ClaimDueLogoutNotices(BatchSize), stoppingToken);
        }

        await Task.WhenAll(claimed.Select(notice => DeliverAsync(notice, stoppingToken)));
        return claimed.Count;
    }

    private async Task DeliverAsync(ClaimedLogoutNotice notice, CancellationToken stoppingToken)
    {
        using var scope = scopes.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var client = await scope.ServiceProvider.GetRequiredService<IClientRegistry>().FindAsync(notice.ClientId, stoppingToken);

        // A client removed, or its URI withdrawn, since the session ended: there is no one left to tell.
        var error = client?.BackchannelLogoutUri is { } uri ? await PostAsync(new Uri(uri), client.SelfRegistered, notice, stoppingToken) : null;
        var outcome = await sender.Send(new RecordLogoutNoticeAttempt(notice, error), stoppingToken);
        metrics.BackChannelLogoutAttempted(outcome.ToString().ToLowerInvariant());
        switch (outcome)
        {
            case LogoutNoticeOutcome.Retrying:
                LogRetrying(logger, notice.ClientId, notice.Attempts + 1, error);
                break;
            case LogoutNoticeOutcome.Failed:
                LogGivenUp(logger, notice.ClientId, notice.Attempts + 1, error);
                break;
        }
    }

    /// <summary>Null when the client took the token (200 or 204, §2.8); else why not, never the body it answered.</summary>
    private async Task<string?> PostAsync(Uri uri, bool selfRegistered, ClaimedLogoutNotice notice, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.BackChannelLogoutTimeout);
        try
        {
            using var content = new FormUrlEncodedContent([new("logout_token", tokens.Issue(notice.ClientId, notice.Subject, notice.SessionId))]);
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };

            // Only the status is read: the body, however large, is never buffered (the handlers drain none of it either).
            using var response = await http.CreateClient(ClientUriFetch.ClientName(HttpClientName, selfRegistered))
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return OutboundAddressRefusedException.ReasonOf(ex) is { } refused ? "refused: " + refused : $"unreachable ({ex.HttpRequestError})";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return "timed out";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Back-channel logout to client {ClientId} failed (attempt {Attempts}: {Error}); will try again")]
    private static partial void LogRetrying(ILogger logger, string clientId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Back-channel logout to client {ClientId} given up after {Attempts} attempts ({Error})")]
    private static partial void LogGivenUp(ILogger logger, string clientId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending back-channel logout tokens failed; will try again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}

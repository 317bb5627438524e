using System.Net.Sockets;
using System.Text;
using Auth.Api.Cli;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Auth.Api.Startup;

/// <summary>
/// One liveness request (<c>GET /health/live</c>, which <see cref="RequestHold"/> lets through once the signing keys are
/// in) that an ephemeral server sends itself once Kestrel listens, while the store is still being prepared: the first request's one-time work —
/// Kestrel's connection and parsing code, every middleware's first run, the routing table built from every endpoint —
/// is then done before the ready line instead of on the test suite's first request (docs/performance.md, ephemeral
/// start-up). A plain socket, not an HttpClient, whose own first use would cost more than it saves. Best effort: a
/// server that cannot be reached this way (an https-only or Unix-socket binding) simply starts without it.
/// </summary>
public static class FirstRequestWarmUp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <returns>The status line's code, or null when no request could be made.</returns>
    public static async Task<int?> SendAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (HealthCheckVerb.LocalAddress(string.Join(';', addresses)) is not { } local || !Uri.TryCreate(local, UriKind.Absolute, out var address))
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var client = new TcpClient(address.HostNameType == UriHostNameType.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
            await client.ConnectAsync(address.IdnHost, address.Port, timeout.Token);
            await using var stream = client.GetStream();
            var request = $"GET {Routes.Liveness} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var statusLine = await reader.ReadLineAsync(timeout.Token);
            await reader.ReadToEndAsync(timeout.Token);
            return statusLine?.Split(' ') is [_, var code, ..] && int.TryParse(code, out var status) ? status : null;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }
}

using Auth.Api.Hosting;
using Auth.Api.Testing;
using Microsoft.AspNetCore.Builder;

namespace Auth.Testing;

/// <summary>The server started in the test process through <see cref="ServiceHost.StartAsync"/>.</summary>
internal sealed class InProcessServer(WebApplication app, ReadyLine ready) : IRunningServer
{
    public ReadyLine Ready { get; } = ready;

    public static async Task<InProcessServer> StartAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = await ServiceHost.StartAsync([.. arguments], cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or ArgumentException or EphemeralModeRefusedException)
        {
            throw new AuthTestServerException($"The server did not start: {ex.Message}", ex);
        }

        try
        {
            return new InProcessServer(app, await ReadyLine.OfAsync(app, cancellationToken));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using System.CommandLine;

namespace Auth.Api.Cli;

/// <summary>
/// Asks a running server on this machine whether it is alive (<c>GET /health/live</c>): exit code 0 on 200, 1
/// otherwise. The container image's HEALTHCHECK runs it, since the image has no curl or shell (docs/container-image.md).
/// It reads the same configuration as the server, so it finds the server's first <c>http</c> address in <c>Urls</c>;
/// it touches no database.
/// </summary>
public static class HealthCheckVerb
{
    /// <summary>Shorter than the image's HEALTHCHECK timeout, so the verb says why before it is killed.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create(VerbRunner runner)
    {
        var url = VerbOptions.Text("--url", "URL", "The server's base address (default: the first http address in Urls, a wildcard host as 127.0.0.1).");
        return runner.Runs(new Command("healthcheck", "Exit 0 when the server at this machine's Urls answers /health/live with 200, else 1.") { url }, async verb =>
        {
            var configuration = verb.Services.GetRequiredService<IConfiguration>();
            if ((verb.Value(url) ?? LocalAddress(configuration[WebHostDefaults.ServerUrlsKey])) is not { } address ||
                !Uri.TryCreate(address, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme != Uri.UriSchemeHttp)
            {
                await verb.ErrorOutput.WriteLineAsync("No http address to ask: Urls has none; name one with --url http://127.0.0.1:PORT.");
                return CommandLine.Failure;
            }

            using var http = new HttpClient { Timeout = Timeout };
            try
            {
                using var response = await http.GetAsync(new Uri(baseAddress, Routes.Liveness), verb.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    verb.Output.WriteLine("alive");
                    return 0;
                }

                await verb.ErrorOutput.WriteLineAsync($"{baseAddress} answered {(int)response.StatusCode}.");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await verb.ErrorOutput.WriteLineAsync($"{baseAddress} did not answer: {ex.Message}");
            }

            return CommandLine.Failure;
        }, migrateFirst: false);
    }

    /// <summary>The first http address Kestrel listens at, as this machine reaches it (<c>http://+:8080</c> → <c>http://127.0.0.1:8080</c>).</summary>
    internal static string? LocalAddress(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(BindingAddress.Parse)
            .FirstOrDefault(binding => binding.Scheme == Uri.UriSchemeHttp && !binding.IsUnixPipe);
        if (first is null)
        {
            return null;
        }

        var host = first.Host is "+" or "*" or "0.0.0.0" or "[::]" or "localhost" ? "127.0.0.1" : first.Host;
        return $"http://{host}:{first.Port}/";
    }
}

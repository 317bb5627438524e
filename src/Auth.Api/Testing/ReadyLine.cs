using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Api.OAuth;
using Auth.Application.Clients;
using Mediator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Auth.Api.Testing;

/// <summary>
/// What an ephemeral server prints on standard output, as one JSON line, once it takes requests: enough for a test
/// harness in any language to talk to it (docs/testing.md).
/// </summary>
public sealed record ReadyLine(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("urls")] IReadOnlyList<string> Urls,
    [property: JsonPropertyName("clients")] IReadOnlyList<string> Clients,
    [property: JsonPropertyName("pid")] int Pid)
{
    /// <summary>The started server's line: its issuer, the addresses Kestrel bound, and the client ids in its store.</summary>
    public static async Task<ReadyLine> OfAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var port = urls.Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Port : 0).FirstOrDefault();
        using var scope = app.Services.CreateScope();
        var clients = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListClients(), cancellationToken);
        return new ReadyLine(
            "ready",
            app.Services.GetRequiredService<IOptions<OAuthOptions>>().Value.Issuer.AbsoluteUri,
            port,
            urls,
            [.. clients.Select(client => client.ClientId).Order(StringComparer.Ordinal)],
            Environment.ProcessId);
    }

    public string ToJson() => JsonSerializer.Serialize(this, ReadyLineJsonContext.Default.ReadyLine);
}

using System.Collections.Concurrent;
using System.Text.Json;
using Auth.Application.Clients;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.OAuth.ClientKeys;

/// <summary>
/// The private_key_jwt keys of clients registered with a jwks_uri (RFC 7591 §2), fetched from there and kept for
/// OAuth:ClientJwksCacheLifetime. An assertion naming a kid the kept keys lack fetches them again — the client rotated —
/// but at most once per <see cref="RefetchInterval"/> per client, so assertions with made-up kids cannot make this
/// server fetch on every request; a failed fetch is remembered as long. The document must be a key set
/// <see cref="ClientKeySet"/> accepts (public asymmetric keys), at most <see cref="MaximumBytes"/>, answered
/// 200 within <see cref="Timeout"/> without a redirect; for a client that registered itself, only from where the
/// <see cref="OutboundAddressGuard"/> permits. Each node keeps its own copy.
/// </summary>
public sealed partial class JwksUriKeys(IHttpClientFactory http, IOptions<OAuthOptions> options, TimeProvider clock, ILogger<JwksUriKeys> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> that fetches the key sets.</summary>
    public const string HttpClientName = "client-jwks";

    public const int MaximumBytes = 64 * 1024;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan RefetchInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetching = new(StringComparer.Ordinal);

    /// <summary>The client's signing keys, or null when they cannot be had (the URI is down, or serves no usable key set).</summary>
    public async Task<IReadOnlyList<SecurityKey>?> GetAsync(string clientId, string jwksUri, bool selfRegistered, string? kid, CancellationToken cancellationToken)
    {
        var key = clientId + "\n" + jwksUri;
        if (Usable(key, kid, out var keys))
        {
            return keys;
        }

        var gate = _fetching.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have fetched them while this one waited.
            if (Usable(key, kid, out keys))
            {
                return keys;
            }

            var fetched = await FetchAsync(clientId, jwksUri, selfRegistered, cancellationToken);
            _entries[key] = new Entry(fetched, clock.GetUtcNow());
            return fetched;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>True when the kept keys answer: fresh and holding the kid, or fetched too recently to fetch again.</summary>
    private bool Usable(string key, string? kid, out IReadOnlyList<SecurityKey>? keys)
    {
        keys = null;
        if (!_entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        keys = entry.Keys;
        var age = clock.GetUtcNow() - entry.FetchedAt;
        if (age < RefetchInterval)
        {
            return true;
        }

        return age < options.Value.ClientJwksCacheLifetime && entry.Keys is not null &&
            (kid is null || entry.Keys.Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal)));
    }

    private async Task<IReadOnlyList<SecurityKey>?> FetchAsync(string clientId, string jwksUri, bool selfRegistered, CancellationToken cancellationToken)
    {
        using var client = http.CreateClient(ClientUriFetch.ClientName(HttpClientName, selfRegistered));
        var (body, problem) = await ClientUriFetch.GetAsync(
            client, jwksUri, ["application/jwk-set+json", "application/json"], MaximumBytes, Timeout, cancellationToken);
        if (body is null)
        {
            LogRefused(logger, clientId, problem!);
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (ClientKeySet.Problem(document.RootElement) is { } keySetProblem)
            {
                LogRefused(logger, clientId, keySetProblem);
                return null;
            }

            return JsonWebKeySet.Create(document.RootElement.GetRawText()).GetSigningKeys().ToList();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            LogRefused(logger, clientId, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The jwks_uri of client {ClientId} gave no usable key set: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string clientId, string reason);

    private sealed record Entry(IReadOnlyList<SecurityKey>? Keys, DateTimeOffset FetchedAt);
}

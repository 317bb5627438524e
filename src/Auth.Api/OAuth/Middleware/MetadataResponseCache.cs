using System.Text.Json;
using Auth.Infrastructure.Keys;
using Microsoft.Extensions.Options;

namespace Auth.Api.OAuth.Middleware;

/// <summary>
/// The discovery document and the JWKS are the same bytes for every request until the signing keys change, so
/// OpenIddict builds each once and the bytes are served from memory afterwards. The discovery document depends on
/// configuration only; a cached JWKS is served only while it lists exactly the key ids of the current key ring, so a
/// rotation (here or on another node) is published with the next request after this node loads the new keys.
/// With an https issuer, a plain-HTTP request goes to OpenIddict, which refuses it, as it refuses it at every endpoint.
/// </summary>
public sealed class MetadataResponseCache(SigningKeyRing keys, IOptions<OAuthOptions> options)
{
    private static readonly string[] DiscoveryPaths = [Routes.Discovery, Routes.DiscoveryWithUnderscore];

    private readonly bool _httpsOnly = options.Value.Issuer.Scheme == Uri.UriSchemeHttps;

    private CachedResponse? _discovery;
    private CachedResponse? _jwks;

    private sealed record CachedResponse(byte[] Body, string ContentType, IReadOnlyList<LoadedSigningKey>? Ring);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var isJwks = request.Path.Equals(Routes.Jwks, StringComparison.Ordinal);
        var isDiscovery = !isJwks && DiscoveryPaths.Any(p => request.Path.Equals(p, StringComparison.Ordinal));
        if (!HttpMethods.IsGet(request.Method) || request.QueryString.HasValue || !(isJwks || isDiscovery) || (_httpsOnly && !request.IsHttps))
        {
            await next(context);
            return;
        }

        var ring = keys.Keys;
        var cached = isJwks ? Volatile.Read(ref _jwks) : Volatile.Read(ref _discovery);
        if (cached is not null && (!isJwks || ReferenceEquals(cached.Ring, ring)))
        {
            context.Response.ContentType = cached.ContentType;
            context.Response.ContentLength = cached.Body.Length;
            await context.Response.Body.WriteAsync(cached.Body, context.RequestAborted);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (context.Response.StatusCode == StatusCodes.Status200OK && context.Response.ContentType is { } contentType &&
            (!isJwks || ListsExactly(body, ring)))
        {
            var entry = new CachedResponse(body, contentType, isJwks ? ring : null);
            if (isJwks)
            {
                Volatile.Write(ref _jwks, entry);
            }
            else
            {
                Volatile.Write(ref _discovery, entry);
            }
        }

        await original.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Whether the JWKS OpenIddict produced lists the key ids of this ring and no others.</summary>
    private static bool ListsExactly(byte[] jwks, IReadOnlyList<LoadedSigningKey> ring)
    {
        using var document = JsonDocument.Parse(jwks);
        if (!document.RootElement.TryGetProperty("keys", out var published) || published.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var kids = published.EnumerateArray()
            .Select(k => k.TryGetProperty("kid", out var kid) ? kid.GetString() : null)
            .ToHashSet(StringComparer.Ordinal);
        return kids.SetEquals(ring.Select(k => k.KeyId));
    }
}

public static class MetadataResponseCacheExtensions
{
    public static WebApplication UseMetadataResponseCache(this WebApplication app)
    {
        var cache = app.Services.GetRequiredService<MetadataResponseCache>();
        app.Use((context, next) => cache.InvokeAsync(context, next));
        return app;
    }
}

using Auth.Application.RateLimiting;

namespace Auth.Api.RateLimiting;

/// <summary>
/// Which buckets a request draws from: the per-address bucket of the longest matching endpoint override, or else the
/// default per-address bucket (policy <c>ip</c>); and on POST /oauth/token, when configured, the client's own bucket
/// (policy <c>client</c>) as well. The address is the client's as the trusted proxies name it, IPv6 by its network
/// (<see cref="ClientNetwork"/>).
/// </summary>
public sealed class RateLimitPolicies(RateLimitingOptions options)
{
    private readonly EndpointRateLimit[] _endpoints = [.. options.Endpoints.OrderByDescending(e => e.PathPrefix.Length)];
    private readonly TokenBucketLimit _default = new() { BurstLimit = options.BurstLimit, TokensPerSecond = options.TokensPerSecond };

    public async ValueTask<IReadOnlyList<BucketRequest>> ForAsync(HttpContext context)
    {
        var ip = ClientNetwork.KeyOf(context.Connection.RemoteIpAddress, options.IPv6PrefixLength);
        var endpoint = _endpoints.FirstOrDefault(e => context.Request.Path.StartsWithSegments(e.PathPrefix, StringComparison.OrdinalIgnoreCase));
        var byAddress = endpoint is null
            ? new BucketRequest(RateLimitingOptions.IpPolicy, ip, _default)
            : new BucketRequest(endpoint.Name, ip, endpoint);

        if (options.TokenEndpointPerClient is { } perClient &&
            HttpMethods.IsPost(context.Request.Method) &&
            context.Request.Path.Equals(Routes.Token, StringComparison.OrdinalIgnoreCase) &&
            await TokenEndpointClient.FindIdAsync(context.Request, context.RequestAborted) is { } clientId)
        {
            return [byAddress, new BucketRequest(RateLimitingOptions.ClientPolicy, clientId, perClient)];
        }

        return [byAddress];
    }
}

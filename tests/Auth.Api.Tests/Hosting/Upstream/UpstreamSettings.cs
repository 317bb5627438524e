namespace Auth.Api.Tests.Hosting.Upstream;

/// <summary>
/// What a test upstream is started with. Its port (and so its <see cref="Issuer"/>) is chosen when the settings are
/// made, so a test can declare the provider to the service before the upstream runs, and restart it on the same port.
/// </summary>
public sealed record UpstreamSettings(UpstreamFlavor Flavor, IReadOnlyList<UpstreamClient> Clients, IReadOnlyDictionary<string, UpstreamUser> Users)
{
    public int Port { get; init; } = LoopbackPorts.Next();

    /// <summary>The Entra tenant id in the issuer and in <c>tid</c>; a fresh one per upstream unless set.</summary>
    public string Tenant { get; init; } = Guid.NewGuid().ToString();

    /// <summary>Pushed authorization requests (RFC 9126) advertised and accepted, as Okta does; never required.</summary>
    public bool PushedAuthorizationRequests { get; init; }

    /// <summary>Discovery without <c>code_challenge_methods_supported</c>, as Entra's (the upstream still requires S256).</summary>
    public bool HidePkceMetadata { get; init; }

    /// <summary>Discovery without <c>end_session_endpoint</c>, as a provider without RP-initiated logout.</summary>
    public bool HideEndSessionEndpoint { get; init; }

    public Uri Origin => new($"http://127.0.0.1:{Port}/");

    /// <summary>
    /// The issuer exactly as the upstream writes it in <c>iss</c> (a string: <see cref="Uri"/> would add a slash to
    /// the generic one), where the real ones have it: Entra <c>/{tenant}/v2.0</c>, Okta <c>/oauth2/default</c>,
    /// generic the bare origin (as Google's <c>https://accounts.google.com</c>).
    /// </summary>
    public string Issuer => Flavor switch
    {
        UpstreamFlavor.Entra => $"http://127.0.0.1:{Port}/{Tenant}/v2.0",
        UpstreamFlavor.Okta => $"http://127.0.0.1:{Port}/oauth2/default",
        _ => $"http://127.0.0.1:{Port}",
    };

    /// <summary>OpenID Connect Discovery 1.0 §4.1: the issuer followed by <c>/.well-known/openid-configuration</c>.</summary>
    public Uri DiscoveryDocument => new($"{Issuer}/.well-known/openid-configuration");
}

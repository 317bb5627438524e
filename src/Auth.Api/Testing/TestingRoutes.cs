namespace Auth.Api.Testing;

/// <summary>The test-only routes, mapped in ephemeral mode only (docs/testing.md).</summary>
public static class TestingRoutes
{
    public const string Prefix = "/testing";
    public const string Tokens = Prefix + "/tokens";
    public const string Reset = Prefix + "/reset";
    public const string Clock = Prefix + "/clock";

    /// <summary>The helpers answer this machine only: a test suite beside the server, never the network.</summary>
    public static bool IsLocalCaller(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address);
}

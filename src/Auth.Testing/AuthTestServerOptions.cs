using Auth.Application.Seed;

namespace Auth.Testing;

/// <summary>How <see cref="AuthTestServer.StartAsync"/> starts the server. Every start is in ephemeral mode, on a free loopback port.</summary>
public sealed class AuthTestServerOptions
{
    /// <summary>
    /// Whether the server runs inside the test process (the default) through <c>ServiceHost.StartAsync</c>. When
    /// false, <see cref="ExecutablePath"/> is started as a child process.
    /// </summary>
    public bool InProcess { get; set; } = true;

    /// <summary>
    /// The built service for an out-of-process start: a path to <c>Auth.Api.dll</c> (run with <c>dotnet</c>) or to the
    /// <c>Auth.Api</c> executable. Required when <see cref="InProcess"/> is false.
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>The known world as code: scopes, clients, identity providers and users, as a seed file would hold them.</summary>
    public SeedDocument? Seed { get; set; }

    /// <summary>A seed file to start from instead (docs/seed-file.md). Not given together with <see cref="Seed"/>.</summary>
    public string? SeedFile { get; set; }

    /// <summary>
    /// More configuration, passed to the server as <c>--Key=value</c> arguments, for example
    /// <c>["OAuth:AccessTokenLifetime"] = "600"</c>. <c>Logging:LogLevel:Default</c> is <c>Warning</c> unless given here.
    /// </summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether an out-of-process server keeps the .NET runtime's W^X protection (executable memory never writable at
    /// the same time). Off unless set: the child is an ephemeral test server on loopback, and mapping its run-time
    /// compiled code and stubs twice costs its start 0.04–0.2 s (docs/performance.md). The child gets
    /// <c>DOTNET_EnableWriteXorExecute=0</c> in its environment; set this to true for <c>1</c>. An in-process server runs
    /// under the test process's own setting.
    /// </summary>
    public bool WriteXorExecute { get; set; }

    /// <summary>How long an out-of-process start may take before its ready line: 60 seconds unless set.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

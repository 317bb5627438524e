namespace Auth.Api.Testing;

/// <summary>
/// Whether this process runs ephemeral (<c>--ephemeral</c> or <c>Storage:Ephemeral=true</c>): for test suites, all
/// state in memory, and the test-only helpers under <c>/testing</c> (docs/testing.md, ADR 0019).
/// </summary>
public sealed record EphemeralMode(bool IsOn)
{
    public const string Setting = "Storage:Ephemeral";

    /// <summary>The command-line switch, which the executable turns into <see cref="Setting"/>.</summary>
    public const string Switch = "--ephemeral";
}

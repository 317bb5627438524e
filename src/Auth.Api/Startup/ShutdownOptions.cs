namespace Auth.Api.Startup;

/// <summary>The <c>Shutdown</c> settings.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>How long in-flight requests may take to finish after SIGTERM before they are cut off.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

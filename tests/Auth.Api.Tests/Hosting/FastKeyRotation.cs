namespace Auth.Api.Tests.Hosting;

/// <summary>
/// The signing-key timing of every server, node and command-line run in these tests: keys are read again every
/// second, and a rotated key is published <see cref="PublishAhead"/> before it signs (5 minutes in production).
/// </summary>
public static class FastKeyRotation
{
    public static readonly TimeSpan PublishAhead = TimeSpan.FromSeconds(3);

    public static IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("SigningKeys:RefreshInterval", "00:00:01"),
        new("SigningKeys:PublishAhead", PublishAhead.ToString("c")),
    ];
}

namespace Auth.Api.Cli;

/// <summary>
/// How one executable tells the server from an operator command. Host and configuration arguments go to the host:
/// anywhere, configuration overrides <c>--Section:Key=value</c> or <c>--Section:Key value</c> and the host switches
/// below; before the command, also any other <c>--Key=value</c> (the form WebApplicationFactory passes its settings
/// in), and <c>--ephemeral</c> (<c>Storage:Ephemeral=true</c>). With nothing else the process runs the server. Anything else is a command line, which refuses what it does
/// not know: a misspelt verb or option is an error, never the server.
/// </summary>
public sealed record ProcessArguments(string[] Host, string[] Command)
{
    /// <summary>The ASP.NET Core host settings that have no section.</summary>
    public static readonly IReadOnlySet<string> HostSwitches = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "environment", "contentRoot", "webroot", "applicationName", "http_ports", "https_ports", "AllowedHosts",
    };

    public bool IsCommand => Command.Length > 0;

    public static ProcessArguments Split(string[] args)
    {
        List<string> host = [], command = [];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (command.Count == 0 && string.Equals(arg, Testing.EphemeralMode.Switch, StringComparison.OrdinalIgnoreCase))
            {
                host.Add($"--{Testing.EphemeralMode.Setting}=true");

                // No file watchers: nothing is reloaded, and a test process that starts many servers runs out of none.
                host.Add("--hostBuilder:reloadConfigOnChange=false");
                continue;
            }

            if (Setting(arg) is not { } setting ||
                !(setting.Name.Contains(':', StringComparison.Ordinal) || HostSwitches.Contains(setting.Name) ||
                  (setting.HasValue && command.Count == 0)))
            {
                command.Add(arg);
                continue;
            }

            host.Add(arg);

            // As the configuration's command-line provider reads it: without '=', the next word is the value.
            if (!setting.HasValue && i + 1 < args.Length)
            {
                host.Add(args[++i]);
            }
        }

        return new([.. host], [.. command]);
    }

    private static (string Name, bool HasValue)? Setting(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return null;
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? arg[2..] : arg[2..equals];
        return name.Length > 0 ? (name, equals >= 0) : null;
    }
}

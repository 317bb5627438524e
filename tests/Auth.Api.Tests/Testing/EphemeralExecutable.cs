using System.Diagnostics;
using Auth.Api.Hosting;

namespace Auth.Api.Tests.Testing;

/// <summary>The built service started as a test harness in any language starts it: <c>dotnet Auth.Api.dll</c> with the given arguments.</summary>
public static class EphemeralExecutable
{
    public static Process Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(typeof(ServiceHost).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test process's own settings (a test store, a log file) must not reach the child.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AUTH_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        return Process.Start(start)!;
    }
}

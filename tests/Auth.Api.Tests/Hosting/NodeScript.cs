using System.ComponentModel;
using System.Diagnostics;

namespace Auth.Api.Tests.Hosting;

/// <summary>A script of one of the tests' node packages (under <c>tests/</c>), run to its end within a time limit.</summary>
public static class NodeScript
{
    /// <returns>The exit code, and standard output and standard error apart.</returns>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string folder, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("node is not on PATH: install Debian's nodejs (build/test.sh does).", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{arguments.FirstOrDefault()} did not finish within {limit}.");
            }

            return (process.ExitCode, await output, await errors);
        }
    }
}

using System.Diagnostics;

namespace Auth.Api.Tests.Hosting;

/// <summary>Runs the service's own executable with a command-line verb, as an operator would, against a test store.</summary>
public static class AuthExecutable
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Task<Outcome> RunAsync(TestStore store, params string[] args) => RunAsync(store, issuer: null, args);

    /// <summary>As <see cref="RunAsync(TestStore, string[])"/>, for verbs whose output names the issuer (tokens).</summary>
    public static Task<Outcome> RunAsync(TestStore store, Uri? issuer, params string[] args) => RunAsync(store, issuer, input: null, args);

    /// <summary>As <see cref="RunAsync(TestStore, string[])"/>, with <paramref name="input"/> on standard input (<c>--password-stdin</c>).</summary>
    public static Task<Outcome> RunWithInputAsync(TestStore store, string input, params string[] args) => RunAsync(store, issuer: null, input, args);

    private static async Task<Outcome> RunAsync(TestStore store, Uri? issuer, string? input, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var setting in store.Settings().Concat(FastKeyRotation.Settings()))
        {
            start.Environment[setting.Key.Replace(":", "__", StringComparison.Ordinal)] = setting.Value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (issuer is not null)
        {
            start.Environment["OAuth__Issuer"] = issuer.AbsoluteUri;
        }
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A verb finishes in seconds; a process still running has started the server instead, which must not outlive the test.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not exit within 60 s: did it start the server instead of running a command?");
        }

        return new Outcome(process.ExitCode, await output, await error);
    }
}

using System.Diagnostics;

namespace Auth.Api.Tests.Docs;

/// <summary>
/// One bash session, as a reader's terminal: the blocks of a page run in it one after another, so the variables one
/// block sets are there for the next. It runs with <c>set -euo pipefail</c>: a failing command, a failing stage of a
/// pipe or an unset variable ends the session, and the block that did it is the failure.
/// </summary>
public sealed class RecipeShell : IAsyncDisposable
{
    private readonly Process _bash;
    private readonly string _scratch;
    private int _blocks;

    private RecipeShell(Process bash, string scratch)
    {
        _bash = bash;
        _scratch = scratch;
    }

    public sealed record Run(bool Succeeded, string Output, string Error, int? ExitCode);

    public static async Task<RecipeShell> StartAsync(string workDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--noprofile");
        start.ArgumentList.Add("--norc");
        foreach (var variable in environment)
        {
            start.Environment[variable.Key] = variable.Value;
        }

        var shell = new RecipeShell(Process.Start(start)!, Directory.CreateDirectory(Path.Combine(workDirectory, ".recipe")).FullName);
        _ = shell._bash.StandardError.ReadToEndAsync();
        await shell._bash.StandardInput.WriteLineAsync("set -euo pipefail");
        return shell;
    }

    /// <summary>Runs one block in the session, its standard input empty, and returns what it printed.</summary>
    public async Task<Run> RunAsync(string script, TimeSpan timeout)
    {
        var n = ++_blocks;
        var (file, output, error) = (Scratch($"block-{n}.sh"), Scratch($"out-{n}.txt"), Scratch($"err-{n}.txt"));
        await File.WriteAllTextAsync(file, script);
        await _bash.StandardInput.WriteLineAsync($"source '{file}' </dev/null >'{output}' 2>'{error}'; echo '@@done {n}'");
        await _bash.StandardInput.FlushAsync();

        using var limit = new CancellationTokenSource(timeout);
        string? line;
        try
        {
            while ((line = await _bash.StandardOutput.ReadLineAsync(limit.Token)) is not null && line != $"@@done {n}")
            {
            }
        }
        catch (OperationCanceledException)
        {
            _bash.Kill(entireProcessTree: true);
            return new Run(false, Read(output), Read(error) + $"{Environment.NewLine}(still running after {timeout.TotalSeconds:0} s)", null);
        }

        if (line is null)
        {
            await _bash.WaitForExitAsync();
            return new Run(false, Read(output), Read(error), _bash.ExitCode);
        }

        return new Run(true, Read(output), Read(error), 0);
    }

    /// <summary>Sets a shell variable, as a reader does by pasting a value.</summary>
    public Task<Run> SetAsync(string name, string value) =>
        RunAsync($"{name}='{value.Replace("'", "'\\''", StringComparison.Ordinal)}'\n", TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        if (!_bash.HasExited)
        {
            _bash.StandardInput.Close();
            if (!_bash.WaitForExit(5000))
            {
                _bash.Kill(entireProcessTree: true);
            }
        }

        _bash.Dispose();
        await Task.CompletedTask;
    }

    private string Scratch(string name) => Path.Combine(_scratch, name);

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;
}

using System.Diagnostics;
using System.Text.Json;
using Auth.Api.Testing;

namespace Auth.Testing;

/// <summary>
/// The built service started as a child process: ready once it prints its JSON ready line on standard output; both
/// streams are read until it ends (a full pipe would stall it); disposing kills its process tree.
/// </summary>
internal sealed class ExecutableServer : IRunningServer
{
    /// <summary>How many of the last standard-error lines an early exit reports.</summary>
    private const int KeptErrorLines = 40;

    /// <summary>The runtime's switch for W^X, read from the environment before any managed code runs.</summary>
    private const string WriteXorExecuteVariable = "DOTNET_EnableWriteXorExecute";

    private readonly Process _process;
    private readonly Queue<string> _errorLines = new();
    private readonly TaskCompletionSource<string> _readyLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ExecutableServer(Process process)
    {
        _process = process;
        Ready = null!;
    }

    public ReadyLine Ready { get; private set; }

    public static async Task<ExecutableServer> StartAsync(
        string executable,
        IReadOnlyList<string> arguments,
        bool writeXorExecute,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(executable))
        {
            throw new AuthTestServerException($"The service executable '{executable}' does not exist (looked for {Path.GetFullPath(executable)}); build src/Auth.Api first.");
        }

        var isDll = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(isDll ? "dotnet" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[WriteXorExecuteVariable] = writeXorExecute ? "1" : "0";
        if (isDll)
        {
            start.ArgumentList.Add(executable);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = new ExecutableServer(new Process { StartInfo = start, EnableRaisingEvents = true });
        try
        {
            await server.WaitUntilReadyAsync(timeout, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                _readyLine.TrySetResult(data);
            }
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                lock (_errorLines)
                {
                    _errorLines.Enqueue(data);
                    while (_errorLines.Count > KeptErrorLines)
                    {
                        _errorLines.Dequeue();
                    }
                }
            }
        };
        _process.Exited += (_, _) =>
        {
            // WaitForExit without a timeout also waits for both streams to end, so the error lines are complete.
            _process.WaitForExit();
            _readyLine.TrySetException(new AuthTestServerException(
                $"The server exited with code {_process.ExitCode} before it was ready. Standard error ended with:{Environment.NewLine}{ErrorTail()}"));
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        string line;
        try
        {
            line = await _readyLine.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new AuthTestServerException(
                $"The server printed no ready line within {timeout}. Standard error ended with:{Environment.NewLine}{ErrorTail()}", ex);
        }

        try
        {
            Ready = JsonSerializer.Deserialize<ReadyLine>(line) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new AuthTestServerException($"The server's first line on standard output is not a ready line: {line}", ex);
        }
    }

    private string ErrorTail()
    {
        lock (_errorLines)
        {
            return string.Join(Environment.NewLine, _errorLines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }

        _process.Dispose();
    }
}

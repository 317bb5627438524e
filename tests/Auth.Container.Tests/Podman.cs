using System.Diagnostics;
using Auth.Api.Tests.Hosting;

namespace Auth.Container.Tests;

/// <summary>
/// The podman command line, and the image under test. build/test.sh builds the image once with build/image.sh and
/// says how it went: <c>AUTH_TEST_IMAGE</c> is its tag, <c>AUTH_TEST_IMAGE_ERROR</c> the build's log when it failed,
/// <c>AUTH_TEST_CONTAINERS_UNAVAILABLE</c> why this machine cannot run containers at all (podman missing and not
/// installable). Only the last one skips the tests; a failed build fails them. Run by hand, the image is
/// <c>localhost/auth:latest</c> and podman's settings those build/image.sh wrote (artifacts/image/containers.conf).
/// </summary>
public static class Podman
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private static string ContainersConf => Path.Combine(Repository.Root, "artifacts", "image", "containers.conf");

    /// <summary>The image to test; skips the test when containers cannot run here, fails it when the image is missing.</summary>
    public static async Task<string> RequireImageAsync()
    {
        if (Environment.GetEnvironmentVariable("AUTH_TEST_CONTAINERS_UNAVAILABLE") is { Length: > 0 } why)
        {
            Assert.Ignore($"This machine cannot run containers ({why}): the container image tests are skipped.");
        }

        if (!OnPath("podman"))
        {
            Assert.Ignore("podman is not installed (build/test.sh installs Debian's podman and runc): the container image tests are skipped.");
        }

        if (Environment.GetEnvironmentVariable("AUTH_TEST_IMAGE_ERROR") is { Length: > 0 } log)
        {
            Assert.Fail($"build/image.sh failed; its log: {log}{Environment.NewLine}{Tail(log)}");
        }

        var image = Environment.GetEnvironmentVariable("AUTH_TEST_IMAGE") is { Length: > 0 } given ? given : "localhost/auth:latest";
        var exists = await RunAsync("image", "exists", image);
        Assert.That(exists.ExitCode, Is.EqualTo(0), $"No image {image}: build it with bash build/image.sh. {exists.Error}");
        return image;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("podman")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The sandbox's settings (runc, cgroupfs, no ulimits) unless the caller chose others.
        if (Environment.GetEnvironmentVariable("CONTAINERS_CONF") is null && File.Exists(ContainersConf))
        {
            start.Environment["CONTAINERS_CONF"] = ContainersConf;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("podman did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"podman {string.Join(' ', arguments)} took longer than {CommandTimeout}.");
        }

        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>Runs a podman command that must succeed, and returns its standard output.</summary>
    public static async Task<string> OutputAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RunAsync(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"podman {string.Join(' ', arguments)} exited with {exitCode}: {error}");
        }

        return output;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(30)) : "(the log is missing)";
}

using Auth.TestSupport;

namespace Auth.Api.Tests.Hosting;

/// <summary>
/// Folders for a test's files (seed files, a server's working directory), under one folder of this test process's,
/// deleted when the run ends (<see cref="TestScratchCleanup"/>); a run that was killed leaves its folder, which the
/// next run deletes once no process has that id, so the temporary directory does not fill up.
/// </summary>
public static class TestScratch
{
    private const string Prefix = "auth-api-tests-";

    private static readonly Lazy<string> Root = new(() =>
    {
        DeleteThoseOfEndedRuns();
        return Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;
    });

    /// <summary>A new, empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public static DirectoryInfo NewFolder(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Root.Value, $"{prefix}{Guid.NewGuid():N}"));

    /// <summary>This run's folder and everything in it, if any was made.</summary>
    public static void Delete()
    {
        if (Root.IsValueCreated)
        {
            DeleteQuietly(Root.Value);
        }
    }

    private static void DeleteThoseOfEndedRuns()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var name = Path.GetFileName(folder)[Prefix.Length..];
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name[..dash], out var pid) && !RunningProcesses.IsRunning(pid))
            {
                DeleteQuietly(folder);
            }
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process still holding a file: the next run deletes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

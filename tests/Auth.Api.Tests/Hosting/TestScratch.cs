namespace Auth.Api.Tests.Hosting;

/// <summary>
/// Folders for a test's files (seed files, a server's working directory), under one folder of this test process's that
/// is deleted when the process exits, so a run leaves nothing in the temporary directory.
/// </summary>
public static class TestScratch
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory($"auth-api-tests-{Environment.ProcessId}-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        return root;
    });

    /// <summary>A new, empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public static DirectoryInfo NewFolder(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Root.Value, $"{prefix}{Guid.NewGuid():N}"));

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process still holding a file: the operating system's temporary-file cleanup has it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

namespace Auth.Api.Tests.Hosting;

/// <summary>The clone the tests run from: the folder holding Auth.sln above the test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Auth.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Auth.sln not found above " + AppContext.BaseDirectory);
    }
}

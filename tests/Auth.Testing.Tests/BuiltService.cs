using System.Reflection;

namespace Auth.Testing.Tests;

/// <summary>
/// Where the built service is for the out-of-process tests: <c>AUTH_API_DLL</c> when set, else
/// src/Auth.Api/bin/&lt;this build's configuration&gt;/net10.0/Auth.Api.dll under the repository root (the folder
/// holding Auth.sln above this test's output), so <c>dotnet test -c Release</c> finds the Release build.
/// </summary>
public static class BuiltService
{
    public static string DllPath()
    {
        if (Environment.GetEnvironmentVariable("AUTH_API_DLL") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var configuration = typeof(BuiltService).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(RepositoryRoot(), "src", "Auth.Api", "bin", configuration, "net10.0", "Auth.Api.dll");
    }

    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Auth.sln")))
        {
            folder = folder.Parent;
        }

        Assert.That(folder, Is.Not.Null, $"No Auth.sln above {TestContext.CurrentContext.TestDirectory}: set AUTH_API_DLL to the built Auth.Api.dll.");
        return folder!.FullName;
    }
}

namespace Auth.Api.Tests;

/// <summary>
/// Deletes this run's <see cref="Hosting.TestScratch"/> folder once every test of the assembly has run (every test is in
/// this namespace or below), before the test host is shut down.
/// </summary>
[SetUpFixture]
public sealed class TestScratchCleanup
{
    [OneTimeTearDown]
    public void DeleteScratchFolders() => Hosting.TestScratch.Delete();
}

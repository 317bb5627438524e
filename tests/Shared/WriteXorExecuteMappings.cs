namespace Auth.TestSupport;

/// <summary>
/// Whether a process runs with the .NET runtime's W^X protection (docs/security.md rule 144): on Linux the runtime then
/// maps its compiled code twice from one shared-memory file (a writable view and an executable one) named
/// "doublemapper". One file linked into the test projects that check it (Auth.Api.Tests, Auth.Testing.Tests).
/// </summary>
internal static class WriteXorExecuteMappings
{
    public static bool MapsCompiledCodeTwice(int pid) =>
        File.ReadLines($"/proc/{pid}/maps").Any(line => line.Contains("doublemapper", StringComparison.Ordinal));
}

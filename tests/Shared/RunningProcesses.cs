using System.Diagnostics;

namespace Auth.TestSupport;

/// <summary>Whether a process id names a process that still runs. One file linked into Auth.Api.Tests and Auth.Testing.Tests.</summary>
internal static class RunningProcesses
{
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

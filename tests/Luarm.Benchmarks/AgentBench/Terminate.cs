using System.Diagnostics;
using System.Globalization;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>Stops a recorder the way systemd does: SIGTERM, not a kill, so it cleans up (the agent removes its audit rules and gives up the registration; auditd closes its log).</summary>
public static class Terminate
{
    public static async Task GracefullyAsync(Process? process)
    {
        if (process is { HasExited: false })
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(limit.Token);
        }
        process?.Dispose();
    }
}

using Luarm.Agent.Tests.Support;
using Luarm.Testing;

namespace Luarm.Agent.Tests;

/// <summary>
/// The shipped systemd unit gives the agent only the capabilities in its
/// <c>CapabilityBoundingSet</c>; run under exactly those (setpriv, as root), the
/// agent must still use its primary sources and start every collector. A set
/// without the audit capabilities silently turns audit off (the agent falls back
/// to the classic sources and only its log says so).
/// </summary>
[Collection(AuditKernel.Name)]
[Trait("Category", PublishedCli.Category)]
public sealed class AgentUnitCapabilitiesTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-agent-unit-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Under_the_units_capability_bounding_set_the_agent_reads_audit_and_starts_every_collector()
    {
        var capabilities = UnitCapabilities(Path.Combine(RepositoryPaths.Root, "samples", "systemd", "luarm-agent.service"));
        string[] setpriv = ["setpriv", $"--bounding-set=-all,{string.Join(',', capabilities.Select(c => "+" + c))}", "--inh-caps=-all", "--no-new-privs"];

        await using var agent = LuarmProcess.StartUnder(setpriv, _folder.FullName,
            "--store", Path.Combine(_folder.FullName, "luarm.db"), "agent", "--spool", Path.Combine(_folder.FullName, "spool"));
        await agent.WaitForOutputAsync("agent running", Within);

        Assert.Contains("process facts from audit", agent.Output);
        Assert.Contains("endpoint facts from audit", agent.Output);
        Assert.Contains("file facts from audit", agent.Output);
        Assert.Contains("agent running: process, endpoint, device, login, hostinfo, userinfo, groupinfo, netint, netroute, audit into", agent.Output);
        await agent.StopAsync(Within);
        Assert.True(agent.ExitCode == 0, agent.Output);
        // Its rules leave out its own pid; at stop it removed them, with no capability beyond the unit's.
        Assert.DoesNotContain($"pid!={agent.Pid} ", Shell.Run("auditctl", "-l"));
    }

    /// <summary>The unit's <c>CapabilityBoundingSet=CAP_A CAP_B</c> as setpriv names them (a, b).</summary>
    private static string[] UnitCapabilities(string unit)
    {
        var line = Assert.Single(File.ReadAllLines(unit), l => l.StartsWith("CapabilityBoundingSet=", StringComparison.Ordinal));
        return [.. line["CapabilityBoundingSet=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.StartsWith("CAP_", StringComparison.Ordinal) ? name[4..].ToLowerInvariant() : name)];
    }
}

using Luarm.Testing;

namespace Luarm.Engine.Tests.Cluster;

/// <summary>Real <c>luarm</c> processes for the engine's cluster and end-to-end tests.</summary>
internal static class EngineNode
{
    /// <summary><c>luarm engine</c> with <paramref name="configPath"/>, run in its folder.</summary>
    public static LuarmProcess Start(string configPath) =>
        StartCommand(Path.GetDirectoryName(configPath)!, "engine", "--config", configPath);

    /// <summary>Any <c>luarm</c> command, run in <paramref name="workingDirectory"/>.</summary>
    public static LuarmProcess StartCommand(string workingDirectory, params string[] arguments) =>
        LuarmProcess.StartIn(workingDirectory, arguments);

    /// <summary>Whether <paramref name="instanceId"/> (a Quartz node id, machine-pid-ticks) is <paramref name="node"/>.</summary>
    public static bool Is(this LuarmProcess node, string? instanceId) =>
        instanceId is not null && instanceId.Contains($"-{node.Pid}-", StringComparison.Ordinal);
}

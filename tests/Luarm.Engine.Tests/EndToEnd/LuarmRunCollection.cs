using Luarm.Testing;

namespace Luarm.Engine.Tests.EndToEnd;

/// <summary>
/// Tests that start <c>luarm run</c>: one at a time (each agent watches the whole
/// host and would see the other's processes), and not beside another assembly's
/// kernel-audit tests (the agent reads audit).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LuarmRunCollection : ICollectionFixture<KernelAuditLock>
{
    public const string Name = "luarm run";
}

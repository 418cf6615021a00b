using Luarm.Testing;

namespace Luarm.Agent.Tests.Support;

/// <summary>The kernel has one audit reader and one rule list: tests that use them run one at a time, and not beside another assembly's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AuditKernel : ICollectionFixture<KernelAuditLock>
{
    public const string Name = "audit kernel";
}

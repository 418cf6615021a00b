namespace Luarm.Agent.Tests.Support;

/// <summary>The kernel has one audit reader and one rule list: tests that use them run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AuditKernel
{
    public const string Name = "audit kernel";
}

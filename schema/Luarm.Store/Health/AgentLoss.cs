using Luarm.Store.Vocabulary;

namespace Luarm.Store.Health;

/// <summary>Events a kernel source dropped before the agent could read them: one row of <c>agentloss</c>.</summary>
[FactTable("agentloss", "agentlossid")]
public sealed class AgentLoss
{
    public long AgentLossId { get; set; }
    public int HostId { get; set; }

    /// <summary>The source that lost events, e.g. audit.</summary>
    public string Source { get; set; } = "";

    /// <summary>Events lost since the previous row of the same source and agent run.</summary>
    public long Lost { get; set; }

    public DateTime Created { get; set; }
}

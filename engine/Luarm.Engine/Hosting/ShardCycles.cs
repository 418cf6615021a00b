using Luarm.Engine.Delivery;
using Luarm.Engine.Evaluation;
using Microsoft.Extensions.Logging;

namespace Luarm.Engine.Hosting;

/// <summary>This node's evaluation cycle of every shard; a shard's sessions stay here between its runs.</summary>
internal sealed class ShardCycles(EngineSetup setup, AlertOutbox outbox, ILogger<EvaluationCycle> logger)
{
    private readonly EvaluationCycle[] _cycles = Enumerable.Range(0, setup.Engine.Shards)
        .Select(index => new EvaluationCycle(setup.Store, setup.Rules, setup.Engine, outbox, logger: logger,
            shard: new HostShard(index, setup.Engine.Shards)))
        .ToArray();

    public int Count => _cycles.Length;

    public EvaluationCycle this[int shard] => _cycles[shard];
}

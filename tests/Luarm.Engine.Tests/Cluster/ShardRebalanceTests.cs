using Luarm.Engine.Hosting;

namespace Luarm.Engine.Tests.Cluster;

public sealed class ShardRebalanceTests
{
    [Fact]
    public void The_busiest_node_gives_one_shard_to_the_idlest()
    {
        var holders = Holders("a", "a", "a", "a");

        var moves = ShardRebalance.Plan(holders, ["a", "b"]);

        Assert.Equal([("shard-3", (string?)"b")], moves);
    }

    [Fact]
    public void Shards_of_a_node_that_stopped_checking_in_are_released()
    {
        var holders = Holders("gone", "b", "gone", null);

        var moves = ShardRebalance.Plan(holders, ["b"]);

        Assert.Equal([("shard-0", (string?)null), ("shard-2", (string?)null)], moves);
    }

    [Fact]
    public void A_spread_within_one_shard_is_left_alone()
    {
        Assert.Empty(ShardRebalance.Plan(Holders("a", "b", "a"), ["a", "b"]));
    }

    private static Dictionary<string, string?> Holders(params string?[] nodes) =>
        nodes.Select((node, shard) => (node, shard)).ToDictionary(x => $"shard-{x.shard}", x => x.node);
}

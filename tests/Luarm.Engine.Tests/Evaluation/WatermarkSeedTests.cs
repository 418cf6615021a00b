using Luarm.Engine.Evaluation;

namespace Luarm.Engine.Tests.Evaluation;

public sealed class WatermarkSeedTests
{
    private static readonly string[] Tables = ["psinfo", "netinfo"];

    [Fact]
    public void A_shard_starts_after_the_unsharded_engine()
    {
        var seed = WatermarkSeed.From([Mark("engine", "psinfo", 40), Mark("engine", "netinfo", 7)], "engine", Tables);

        Assert.Equal(new Dictionary<string, long> { ["psinfo"] = 40, ["netinfo"] = 7 }, seed);
    }

    [Fact]
    public void A_complete_earlier_layout_gives_its_lowest_watermark_per_table()
    {
        var seed = WatermarkSeed.From(
        [
            Mark("engine/shard-0-of-2", "psinfo", 40), Mark("engine/shard-0-of-2", "netinfo", 9),
            Mark("engine/shard-1-of-2", "psinfo", 30), Mark("engine/shard-1-of-2", "netinfo", 12),
        ], "engine", Tables);

        Assert.Equal(new Dictionary<string, long> { ["psinfo"] = 30, ["netinfo"] = 9 }, seed);
    }

    [Fact]
    public void An_incomplete_layout_or_another_engine_gives_nothing()
    {
        // Shard 1 of 2 never ran: shard 0's marks say nothing about its hosts.
        var seed = WatermarkSeed.From(
        [
            Mark("engine/shard-0-of-2", "psinfo", 40), Mark("engine/shard-0-of-2", "netinfo", 9),
            Mark("engine2", "psinfo", 50), Mark("engine2/shard-0-of-1", "netinfo", 50),
        ], "engine", Tables);

        Assert.Equal(new Dictionary<string, long> { ["psinfo"] = 0, ["netinfo"] = 0 }, seed);
    }

    private static StoredWatermark Mark(string consumer, string table, long lastId) => new(consumer, table, lastId);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Luarm.Engine.Evaluation;

/// <summary>
/// Where a shard without watermarks of its own starts: after the rows that an
/// earlier layout of the same engine has certainly evaluated. A layout is the
/// unsharded consumer, or all shards of one count; only a complete layout
/// covers every host, and below the lowest watermark of its members every row
/// was evaluated by the shard that held its host. Starting there (rather than
/// at 0) spares a re-evaluation of the whole history after an upgrade or a
/// change of <c>engine.shards</c>; rows above it are evaluated again, which
/// stores no alert twice.
/// </summary>
internal static partial class WatermarkSeed
{
    public static Dictionary<string, long> From(IEnumerable<StoredWatermark> stored, string consumer, IEnumerable<string> tables)
    {
        var layouts = stored
            .Select(mark => (mark, layout: LayoutOf(mark.Consumer, consumer)))
            .Where(x => x.layout is not null)
            .GroupBy(x => x.layout!.Value.Count, x => (x.mark, x.layout!.Value.Index));
        var seed = tables.ToDictionary(table => table, _ => 0L);
        foreach (var layout in layouts)
        {
            if (layout.Select(x => x.Index).Distinct().Count() < layout.Key)
            {
                continue;
            }
            foreach (var table in seed.Keys)
            {
                var marks = layout.Where(x => x.mark.FactTable == table).ToArray();
                var lowest = marks.Select(x => x.Index).Distinct().Count() == layout.Key ? marks.Min(x => x.mark.LastId) : 0;
                seed[table] = Math.Max(seed[table], lowest);
            }
        }
        return seed;
    }

    /// <summary>The shard a stored consumer name stands for, if it is one of <paramref name="consumer"/>'s.</summary>
    private static (int Index, int Count)? LayoutOf(string stored, string consumer)
    {
        if (stored == consumer)
        {
            return (0, 1);
        }
        var match = ShardName().Match(stored);
        if (!match.Success || match.Groups["consumer"].Value != consumer)
        {
            return null;
        }
        var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
        var count = int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        return index < count ? (index, count) : null;
    }

    [GeneratedRegex(@"^(?<consumer>.+)/shard-(?<index>\d{1,6})-of-(?<count>\d{1,6})$")]
    private static partial Regex ShardName();
}

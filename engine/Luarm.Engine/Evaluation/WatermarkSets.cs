namespace Luarm.Engine.Evaluation;

/// <summary>Watermarks as a whole: per table, the last id read.</summary>
internal static class WatermarkSets
{
    public static bool Equal(IReadOnlyDictionary<string, long> left, IReadOnlyDictionary<string, long> right) =>
        left.Count == right.Count && left.All(mark => right.TryGetValue(mark.Key, out var id) && id == mark.Value);
}

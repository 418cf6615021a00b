using Luarm.Store.Access;
using Luarm.Store.Facts;

namespace Luarm.Benchmarks.EngineBench;

/// <summary>Appends a mixed list of facts through <see cref="FactWriter"/>, one call per table, in the list's order (so ids follow it).</summary>
public static class StoreFill
{
    public static async Task AppendAsync(FactStore store, IReadOnlyList<object> facts)
    {
        var writer = new FactWriter(store);
        await writer.AppendAsync(facts.OfType<ProcessFact>().ToArray());
        await writer.AppendAsync(facts.OfType<EndpointFact>().ToArray());
        await writer.AppendAsync(facts.OfType<FileFact>().ToArray());
        await writer.AppendAsync(facts.OfType<DeviceFact>().ToArray());
    }
}

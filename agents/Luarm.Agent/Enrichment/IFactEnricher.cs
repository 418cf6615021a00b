namespace Luarm.Agent.Enrichment;

/// <summary>
/// Adds one kind of knowledge to rows before they are queued (reverse DNS, executable
/// hashes), as a Serilog enricher adds properties to log events: one small type per
/// enrichment, applied in <see cref="EnrichingSink"/>, never inside a collector.
/// </summary>
public interface IFactEnricher : IDisposable
{
    /// <summary>
    /// Fills what is already known (a cache hit) and returns null, or starts finding it
    /// and returns what is pending. Called on the collector's thread: it must not block.
    /// </summary>
    PendingEnrichment? Begin(object row);
}

/// <summary>
/// What an enricher will add to one row. <paramref name="Apply"/> fills the row with what
/// is known when it is called, on the forwarding thread only, so a late answer never
/// changes a row already handed on.
/// </summary>
public sealed record PendingEnrichment(Task Ready, Action Apply);

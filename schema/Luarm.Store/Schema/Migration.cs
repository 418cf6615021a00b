namespace Luarm.Store.Schema;

/// <summary>One numbered migration script, e.g. <c>0001_fact_tables.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Script);

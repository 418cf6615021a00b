namespace Luarm.Store.Vocabulary;

/// <summary>
/// Binds a row type to its table. Every other public property of the type is a
/// column of the same name (compared without case), so facts, rule fields,
/// fixtures and SQL share one vocabulary.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FactTableAttribute(string table, string idColumn) : Attribute
{
    public string Table { get; } = table;
    public string IdColumn { get; } = idColumn;

    /// <summary>The name rules use for this kind of fact (process, endpoint, ...), if any.</summary>
    public string? Kind { get; init; }
}

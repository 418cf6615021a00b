namespace Luarm.Store.Vocabulary;

/// <summary>One column of a fact table and how to read it from a row object.</summary>
public sealed record FactColumn(string Name, Type ClrType, Func<object, object?> Read);

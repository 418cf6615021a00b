using Luarm.Rules.Diagnostics;

namespace Luarm.Rules.Testing;

/// <summary>One column value of a fixture row as written (null for an empty value), with its position.</summary>
public sealed record RowCell(string Column, string? Text, SourceSpan Where);

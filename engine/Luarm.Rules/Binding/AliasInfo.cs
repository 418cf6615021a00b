using Luarm.Rules.Model;

namespace Luarm.Rules.Binding;

/// <summary>What binding knows of an alias before its conditions are bound: its place, kind and shape.</summary>
public sealed record AliasInfo(string Name, int Index, FactKind Kind, bool IsSingleFact, bool IsAbsent);

namespace Luarm.Rules.Compilation;

/// <summary>An NRules declaration: the name conditions and actions refer to, and its type.</summary>
public sealed record Declared(string Name, Type Type);

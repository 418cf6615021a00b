using Luarm.Rules.Diagnostics;

namespace Luarm.Rules.Model.Tests;

/// <summary>A recorded fixture file a test loads, resolved against the rule file's folder.</summary>
public sealed record FixtureReference(string Path, SourceSpan Where);

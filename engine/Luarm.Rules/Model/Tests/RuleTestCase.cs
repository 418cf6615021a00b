using Luarm.Rules.Diagnostics;

namespace Luarm.Rules.Model.Tests;

/// <summary>
/// One test of a rule: facts (inline rows and recorded fixtures), how they arrive,
/// the time the host's clock has reached when the rule fires, and what must come out.
/// </summary>
public sealed record RuleTestCase(
    string Name,
    IReadOnlyList<object> Facts,
    IReadOnlyList<FixtureReference> Fixtures,
    DateTime BaseTime,
    DateTime? Now,
    TestExpectation Expect,
    SourceSpan Where)
{
    public FactArrival Arrival { get; init; } = FactArrival.ByTime;
}

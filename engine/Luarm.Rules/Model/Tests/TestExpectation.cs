namespace Luarm.Rules.Model.Tests;

/// <summary>What a test expects: a number of alerts, and optionally what each alert is.</summary>
public sealed record TestExpectation(int AlertCount, IReadOnlyList<ExpectedAlert> Alerts);

using System.Reflection;
using Luarm.Rules.Diagnostics;
using Luarm.Testing;

namespace Luarm.Rules.Tests;

/// <summary>The stable codes and docs/rules.md agree: every code a tool may filter on is documented.</summary>
public sealed class DiagnosticCodeDocsTests
{
    [Fact]
    public void Every_diagnostic_code_is_documented_in_rules_md()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rules.md"));
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains($"`{code}`", docs));
    }
}

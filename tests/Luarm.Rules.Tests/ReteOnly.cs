using Luarm.Rules.Compilation;
using Luarm.Rules.Model;
using Luarm.Rules.Runtime;
using NRules;

namespace Luarm.Rules.Tests;

/// <summary>A rule compiled into the Rete network whatever its shape, as every count ran before some moved beside it.</summary>
internal static class ReteOnly
{
    public static DetectionSession Session(DetectionRule rule)
    {
        var compiler = new RuleCompiler { ExpressionCompiler = new FastRuleExpressionCompiler() };
        var factory = compiler.Compile([RuleModelBuilder.Build(new CompiledRule(rule))]);
        return new DetectionSession(factory.CreateSession(), [rule], [], [], []);
    }
}

using System.Linq.Expressions;
using FastExpressionCompiler;
using NRules.Extensibility;

namespace Luarm.Rules.Compilation;

/// <summary>
/// Compiles rule conditions and actions with FastExpressionCompiler, many times
/// faster than <see cref="LambdaExpression.Compile()"/>, which dominates loading a
/// large rule set; falls back to the built-in compiler for what it cannot compile.
/// </summary>
public sealed class FastRuleExpressionCompiler : IExpressionCompiler
{
    public TDelegate Compile<TDelegate>(Expression<TDelegate> expression)
        where TDelegate : Delegate =>
        expression.CompileFast(ifFastFailedReturnNull: true) ?? expression.Compile();
}

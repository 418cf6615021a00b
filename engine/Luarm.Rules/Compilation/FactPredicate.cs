using System.Globalization;
using System.Linq.Expressions;
using FastExpressionCompiler;
using Luarm.Rules.Model;

namespace Luarm.Rules.Compilation;

/// <summary>
/// Rule conditions compiled to plain delegates over facts passed as objects, for the
/// counts evaluated beside the Rete network. Each condition lambda names the aliases
/// it reads as parameters (see <see cref="ParameterScope"/>); here they are bound to
/// the delegate's arguments by name.
/// </summary>
internal static class FactPredicate
{
    public static Func<object, bool> Of(MatchAlias alias, IEnumerable<LambdaExpression> tests) =>
        Compile<Func<object, bool>>([alias], tests);

    public static Func<object, object, bool> Of(MatchAlias first, MatchAlias second, IEnumerable<LambdaExpression> tests) =>
        Compile<Func<object, object, bool>>([first, second], tests);

    /// <summary>A value as a part of a grouping key: text without case, numbers invariant, null apart.</summary>
    public static string KeyPart(object? value) => value switch
    {
        null => "\0",
        string text => text.ToLowerInvariant(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static T Compile<T>(IReadOnlyList<MatchAlias> aliases, IEnumerable<LambdaExpression> tests) where T : Delegate
    {
        var arguments = aliases.Select(a => Expression.Parameter(typeof(object), a.Name + "_fact")).ToArray();
        var typed = aliases.ToDictionary(a => a.Name, a => Expression.Variable(a.Kind.RowType, a.Name));
        var body = tests
            .Select(test => (Expression)Expression.Invoke(test, test.Parameters.Select(p => typed[p.Name!])))
            .DefaultIfEmpty(Expression.Constant(true))
            .Aggregate(Expression.AndAlso);
        var assignments = aliases.Select((a, i) => (Expression)Expression.Assign(typed[a.Name], Expression.Convert(arguments[i], a.Kind.RowType)));
        var lambda = Expression.Lambda<T>(Expression.Block(typed.Values, [.. assignments, body]), arguments);
        return lambda.CompileFast(ifFastFailedReturnNull: true) ?? lambda.Compile();
    }
}

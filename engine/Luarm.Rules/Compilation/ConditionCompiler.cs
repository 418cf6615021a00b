using System.Linq.Expressions;
using System.Reflection;
using Luarm.Rules.Matching;
using Luarm.Rules.Model;
using Luarm.Rules.Model.Conditions;

namespace Luarm.Rules.Compilation;

/// <summary>
/// Turns a validated condition into an expression tree over the facts' properties:
/// property reads, comparisons and calls to matchers built at load time. No
/// reflection runs per fact, and nothing is allocated per test.
/// </summary>
public static class ConditionCompiler
{
    private static readonly MethodInfo TextMatches = typeof(TextMatcher).GetMethod(nameof(TextMatcher.Matches), [typeof(string)])!;
    private static readonly MethodInfo NumberMatches = typeof(NumberMatcher).GetMethod(nameof(NumberMatcher.Matches), [typeof(decimal)])!;
    private static readonly MethodInfo NullableNumberMatches = typeof(NumberMatcher).GetMethod(nameof(NumberMatcher.Matches), [typeof(decimal?)])!;
    private static readonly MethodInfo IsNullOrEmpty = typeof(string).GetMethod(nameof(string.IsNullOrEmpty), [typeof(string)])!;
    private static readonly MethodInfo TextEquals = typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string), typeof(StringComparison)])!;

    public static Expression Body(Condition condition, ParameterScope scope) => condition switch
    {
        AllOf all => all.Parts.Select(p => Body(p, scope)).Aggregate(Expression.AndAlso),
        AnyOf any => any.Parts.Select(p => Body(p, scope)).Aggregate(Expression.OrElse),
        NotOf not => Expression.Not(Body(not.Inner, scope)),
        FieldTest test => Test(scope.Property(test.Field.Alias, test.Field.Field), test.Field.Field, test.Predicate),
        FieldJoin join => Join(scope.Property(join.Field.Alias, join.Field.Field), scope.Property(join.Other.Alias, join.Other.Field), join.Field.Field.Type, join.Cased),
        _ => throw new ArgumentException($"no compilation for {condition.GetType().Name}", nameof(condition)),
    };

    private static Expression Test(Expression value, FactField field, FieldPredicate predicate) => predicate switch
    {
        TextPredicate text => text.Matchers
            .Select(m => (Expression)Expression.Call(Expression.Constant(m), TextMatches, value))
            .Aggregate(text.RequireAll ? Expression.AndAlso : Expression.OrElse),
        NumberPredicate number => field.IsNullableValue
            ? Expression.Call(Expression.Constant(number.Matcher), NullableNumberMatches, Expression.Convert(value, typeof(decimal?)))
            : Expression.Call(Expression.Constant(number.Matcher), NumberMatches, Expression.Convert(value, typeof(decimal))),
        ExistsPredicate exists => Exists(value, field, exists.Expected),
        _ => throw new ArgumentException($"no compilation for {predicate.GetType().Name}", nameof(predicate)),
    };

    private static Expression Exists(Expression value, FactField field, bool expected)
    {
        Expression present = field.Type == FieldType.Text
            ? Expression.Not(Expression.Call(IsNullOrEmpty, value))
            : field.IsNullableValue ? Expression.Property(value, "HasValue") : Expression.Constant(true);
        return expected ? present : Expression.Not(present);
    }

    /// <summary>Equal values; a missing value joins nothing, and text compares without case unless cased.</summary>
    private static Expression Join(Expression left, Expression right, FieldType type, bool cased)
    {
        if (type == FieldType.Text)
        {
            var comparison = Expression.Constant(cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
            return Expression.AndAlso(
                Expression.NotEqual(left, Expression.Constant(null, typeof(string))),
                Expression.Call(TextEquals, left, right, comparison));
        }
        var guards = new List<Expression>();
        var leftValue = ValueOf(left, guards);
        var rightValue = ValueOf(right, guards);
        if (leftValue.Type != rightValue.Type)
        {
            (leftValue, rightValue) = (Expression.Convert(leftValue, typeof(decimal)), Expression.Convert(rightValue, typeof(decimal)));
        }
        return guards.Append(Expression.Equal(leftValue, rightValue)).Aggregate(Expression.AndAlso);
    }

    private static Expression ValueOf(Expression value, List<Expression> guards)
    {
        if (Nullable.GetUnderlyingType(value.Type) is null)
        {
            return value;
        }
        guards.Add(Expression.Property(value, "HasValue"));
        return Expression.Property(value, "Value");
    }
}

using System.Linq.Expressions;
using Luarm.Rules.Model;

namespace Luarm.Rules.Compilation;

/// <summary>
/// The parameters of one condition lambda. Each alias maps to the NRules declaration
/// that holds its fact at this point (its own pattern, or a count's aggregate item);
/// NRules binds lambda parameters to declarations by name, and only the ones a
/// condition uses may be parameters.
/// </summary>
public sealed class ParameterScope(IReadOnlyDictionary<string, Declared> declarations)
{
    private readonly Dictionary<string, ParameterExpression> _used = [];

    public ParameterExpression For(string alias)
    {
        var declared = declarations[alias];
        if (!_used.TryGetValue(declared.Name, out var parameter))
        {
            parameter = Expression.Parameter(declared.Type, declared.Name);
            _used.Add(declared.Name, parameter);
        }
        return parameter;
    }

    public Expression Property(string alias, FactField field) => Expression.Property(For(alias), field.Property);

    public LambdaExpression Lambda(Expression body) => Expression.Lambda(body, _used.Values);
}

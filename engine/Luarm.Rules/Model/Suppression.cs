using Luarm.Rules.Model.Conditions;

namespace Luarm.Rules.Model;

/// <summary>
/// <c>suppress:</c> after an alert, further matches with the same <see cref="By"/>
/// values within <see cref="For"/> only add to the alert's hit count.
/// </summary>
public sealed record Suppression(IReadOnlyList<FieldRef> By, TimeSpan For);

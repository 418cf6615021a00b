using System.Text;
using Luarm.Store.Alerts;

namespace Luarm.Engine.Configuration;

/// <summary>
/// Collects what is wrong with a configuration section, each problem named by
/// the setting's full path as written in luarm.yaml (<c>sinks.email.port</c>):
/// property names in snake_case, as the YAML binding spells them.
/// </summary>
public sealed class SettingErrors
{
    private readonly List<string> _problems;

    public SettingErrors(string section)
        : this(section, [])
    {
    }

    private SettingErrors(string section, List<string> problems)
    {
        Section = section;
        _problems = problems;
    }

    public string Section { get; }

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>A sub-section (<c>Email</c> is <c>sinks.email</c>, <c>Routes[0]</c> is <c>...routes[0]</c>) whose problems land in the same list.</summary>
    public SettingErrors Child(string property) => new(NameOf(property), _problems);

    public string NameOf(string property) => $"{Section}.{SnakeCase(property)}";

    public void Add(string property, string problem) => _problems.Add($"{NameOf(property)}: {problem}");

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new SinkConfigException(_problems.ToArray());
        }
    }

    public void Require(string property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(property, "is required");
        }
    }

    public void Port(string property, int? port)
    {
        if (port is < 1 or > 65535)
        {
            Add(property, "must be 1-65535");
        }
    }

    public void Range(string property, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Add(property, $"must be {min}-{max}");
        }
    }

    public void OneOf(string property, string value, IReadOnlyCollection<string> allowed)
    {
        if (!allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            Add(property, $"'{value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    /// <returns>The severity, or <see cref="AlertSeverity.Info"/> when <paramref name="value"/> is none (then a problem).</returns>
    public AlertSeverity Severity(string property, string value)
    {
        if (AlertSeverities.TryParse(value, out var severity))
        {
            return severity;
        }
        Add(property, $"'{value}' is not one of {string.Join(", ", Enum.GetValues<AlertSeverity>().Select(s => s.Name()))}");
        return AlertSeverity.Info;
    }

    /// <summary><c>MinSeverity</c> becomes <c>min_severity</c>, like YamlDotNet's underscored naming convention.</summary>
    internal static string SnakeCase(string property)
    {
        var name = new StringBuilder();
        for (var i = 0; i < property.Length; i++)
        {
            if (char.IsUpper(property[i]) && i > 0)
            {
                name.Append('_');
            }
            name.Append(char.ToLowerInvariant(property[i]));
        }
        return name.ToString();
    }
}

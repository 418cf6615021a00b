namespace Luarm.Engine.Configuration;

/// <summary>A sink or outbox setting that cannot work, found at start; each problem names its setting.</summary>
public sealed class SinkConfigException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>One line per problem: <c>sinks.email.port: must be 1-65535</c>.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

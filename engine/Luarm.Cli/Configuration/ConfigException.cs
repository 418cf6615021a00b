namespace Luarm.Cli.Configuration;

/// <summary>A problem in luarm.yaml, worded as file:line:col and what to change.</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);

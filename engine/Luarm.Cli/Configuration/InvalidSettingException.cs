namespace Luarm.Cli.Configuration;

/// <summary>A value that a setting cannot take, from luarm.yaml or a flag; the reader adds where it was.</summary>
public sealed class InvalidSettingException(string message) : Exception(message);

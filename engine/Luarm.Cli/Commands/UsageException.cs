namespace Luarm.Cli.Commands;

/// <summary>An argument a user got wrong, worded as the option and what it accepts.</summary>
public sealed class UsageException(string message) : Exception(message);

namespace Luarm.Agent;

/// <summary>The agent cannot start, worded as one line a user can act on.</summary>
public sealed class AgentException(string message, Exception? inner = null) : Exception(message, inner);

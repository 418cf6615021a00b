namespace Luarm.Store.Errors;

/// <summary>
/// A store problem a user can fix, worded as one line: what failed, where, and
/// what to do. Callers print <see cref="Exception.Message"/> instead of a trace.
/// </summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);

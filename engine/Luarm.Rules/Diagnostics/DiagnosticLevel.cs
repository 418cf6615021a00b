namespace Luarm.Rules.Diagnostics;

/// <summary>An error makes its file invalid; a warning is advice and loads anyway.</summary>
public enum DiagnosticLevel
{
    Error,
    Warning,
}

namespace Luarm.Cli;

/// <summary>
/// What <c>luarm</c> exits with, the same for every command (the numbers of
/// sysexits.h where one fits), so scripts and systemd can tell a finding from a
/// mistake from a fault.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and found something: rule validation errors, failed rule tests.</summary>
    public const int Findings = 1;

    /// <summary>A bad command line: unknown option, missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>A fault in luarm (EX_SOFTWARE): an unexpected exception, or a daemon's service that failed.</summary>
    public const int Internal = 70;

    /// <summary>A configuration or environment a user can fix (EX_CONFIG): luarm.yaml, the store, the rules a daemon is to run.</summary>
    public const int Config = 78;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}

namespace Luarm.Rules.Diagnostics;

/// <summary>Where something was written: a file and a 1-based line and column.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    public static SourceSpan StartOf(string file) => new(file, 1, 1);

    public override string ToString() => $"{File}:{Line}:{Column}";
}

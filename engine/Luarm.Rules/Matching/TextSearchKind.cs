namespace Luarm.Rules.Matching;

/// <summary>Where a searched text must appear in the value.</summary>
public enum TextSearchKind
{
    Contains,
    StartsWith,
    EndsWith,
}

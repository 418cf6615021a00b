namespace Luarm.Rules.Model;

/// <summary>What a <see cref="WindowSlot"/> shows of a schedule window.</summary>
public enum WindowPart
{
    Start,
    End,
    HostId,
}

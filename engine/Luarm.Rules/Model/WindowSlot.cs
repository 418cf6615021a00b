namespace Luarm.Rules.Model;

/// <summary><c>{window.start}</c>, <c>{window.end}</c>, <c>{window.hostid}</c>: the window a scheduled absence was missed in.</summary>
public sealed record WindowSlot(WindowPart Part) : TemplateSlot
{
    /// <summary>What a template may write after <c>window.</c>.</summary>
    public static readonly IReadOnlyDictionary<string, WindowPart> Names = new Dictionary<string, WindowPart>
    {
        ["start"] = WindowPart.Start,
        ["end"] = WindowPart.End,
        ["hostid"] = WindowPart.HostId,
    };
}

using System.Text;

namespace Luarm.Rules.Model;

/// <summary>The alert message: literal text and placeholders filled from the matched facts.</summary>
public sealed class OutputTemplate(IReadOnlyList<object> parts)
{
    /// <summary>Each part is a literal <see cref="string"/> or a <see cref="TemplateSlot"/>.</summary>
    public IReadOnlyList<object> Parts { get; } = parts;

    public string Render(Func<TemplateSlot, string> valueOf)
    {
        var text = new StringBuilder();
        foreach (var part in Parts)
        {
            text.Append(part is TemplateSlot slot ? valueOf(slot) : (string)part);
        }
        return text.ToString().Trim();
    }
}

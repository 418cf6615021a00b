using System.Text.Encodings.Web;
using System.Text.Json;
using Luarm.Rules.Loading;

namespace Luarm.Rules.Diagnostics;

/// <summary>A load result as JSON, for editors and CI (<c>luarm rules validate --format json</c>).</summary>
public static class DiagnosticJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Messages quote names with ' and show < >; keep them readable (the output is not embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(RuleLoadResult result) => JsonSerializer.Serialize(new
    {
        Valid = !result.HasErrors,
        result.Files,
        Rules = result.Rules.Select(r => r.Id),
        result.InvalidFiles,
        Diagnostics = result.Diagnostics.Select(d => new
        {
            d.Where.File,
            d.Where.Line,
            d.Where.Column,
            Level = d.Level.ToString().ToLowerInvariant(),
            d.Code,
            Rule = d.RuleId,
            d.Message,
        }),
    }, Options);
}

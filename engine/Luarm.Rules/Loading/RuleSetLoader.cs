using Luarm.Rules.Binding;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Parsing;

namespace Luarm.Rules.Loading;

/// <summary>
/// Loads rule files and folders: parses every file, builds the shared lists and
/// macros (overlays last), applies tunings, checks ids are unique and binds every
/// rule. Never throws for bad input: everything wrong is a diagnostic.
/// </summary>
public static class RuleSetLoader
{
    public static RuleLoadResult Load(params IEnumerable<string> paths)
    {
        var diagnostics = new DiagnosticBag();
        var files = RuleFiles.Expand(paths, diagnostics);
        var parsed = files.Select(f => RuleFileParser.Parse(f, diagnostics)).ToArray();
        var rules = UniqueRules(parsed, diagnostics);
        var library = new LibraryBuilder(rules);
        foreach (var file in parsed.OrderBy(f => f.IsOverlay))
        {
            foreach (var definitions in file.Definitions)
            {
                library.Apply(definitions, file.IsOverlay);
            }
        }
        var binder = new RuleBinder(library.Library);
        var bound = rules.Values.Select(binder.Bind).OfType<DetectionRule>().ToArray();
        diagnostics.RuleId = null;
        var invalid = files.Where(diagnostics.HasErrorsIn).ToArray();
        var valid = bound.Where(r => !invalid.Contains(r.Where.File)).ToArray();
        var ordered = diagnostics.Items.OrderBy(d => d.Where.File, StringComparer.Ordinal).ThenBy(d => d.Where.Line).ThenBy(d => d.Where.Column).ToArray();
        return new RuleLoadResult(valid, ordered, files, invalid);
    }

    private static Dictionary<string, RuleSyntax> UniqueRules(IEnumerable<ParsedFile> files, DiagnosticBag diagnostics)
    {
        var rules = new Dictionary<string, RuleSyntax>(StringComparer.Ordinal);
        foreach (var rule in files.SelectMany(f => f.Rules))
        {
            if (rules.TryGetValue(rule.Id, out var first))
            {
                diagnostics.RuleId = rule.Id;
                diagnostics.Error(rule.Where, DiagnosticCodes.DuplicateId, $"rule id {rule.Id} is already used at {first.Where}");
                continue;
            }
            rules.Add(rule.Id, rule);
        }
        return rules;
    }
}

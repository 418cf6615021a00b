using Luarm.Rules.Binding;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Parsing;

namespace Luarm.Rules.Loading;

/// <summary>
/// Loads rule files and folders: parses every file, builds the shared lists and
/// macros (overlays last), applies tunings, checks ids are unique and binds every
/// rule. Never throws for bad input: everything wrong is a diagnostic, and a
/// fault nobody foresaw in one stage (a file, a definitions document, a rule)
/// becomes a <c>load-failed</c> error at that stage's position.
/// </summary>
public static class RuleSetLoader
{
    public static RuleLoadResult Load(params IEnumerable<string> paths)
    {
        var diagnostics = new DiagnosticBag();
        var files = RuleFiles.Expand(paths, diagnostics);
        var parsed = files.Select(f => Guarded(diagnostics, SourceSpan.StartOf(f), () => RuleFileParser.Parse(f, diagnostics))).OfType<ParsedFile>().ToArray();
        var rules = UniqueRules(parsed, diagnostics);
        var library = new LibraryBuilder(rules);
        foreach (var file in parsed.OrderBy(f => f.IsOverlay))
        {
            foreach (var definitions in file.Definitions)
            {
                Guarded(diagnostics, definitions.Reader.At(definitions.Node), () => library.Apply(definitions, file.IsOverlay));
            }
        }
        Guarded(diagnostics, SourceSpan.StartOf(files.FirstOrDefault() ?? "."), () => DefinitionCycles.Report(library.Library));
        var binder = new RuleBinder(library.Library);
        var bound = rules.Values.Select(r => Guarded(diagnostics, r.Where, () => binder.Bind(r))).OfType<DetectionRule>().ToArray();
        diagnostics.RuleId = null;
        var invalid = files.Where(diagnostics.HasErrorsIn).ToArray();
        var valid = bound.Where(r => !invalid.Contains(r.Where.File)).ToArray();
        var ordered = diagnostics.Items.OrderBy(d => d.Where.File, StringComparer.Ordinal).ThenBy(d => d.Where.Line).ThenBy(d => d.Where.Column).ToArray();
        return new RuleLoadResult(valid, ordered, files, invalid);
    }

    /// <summary>
    /// The loader's boundary (as in Falco's reader): any exception out of one stage
    /// is an error at the nearest known place, and the other stages go on.
    /// </summary>
    private static T? Guarded<T>(DiagnosticBag diagnostics, SourceSpan where, Func<T?> stage) where T : class
    {
        try
        {
            return stage();
        }
        catch (Exception fault)
        {
            diagnostics.Error(where, DiagnosticCodes.LoadFailed, $"could not be loaded: {fault.GetType().Name}: {fault.Message} (a fault in luarm; please report it with this file)");
            return null;
        }
    }

    private static void Guarded(DiagnosticBag diagnostics, SourceSpan where, Action stage) =>
        Guarded<object>(diagnostics, where, object? () =>
        {
            stage();
            return true;
        });

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

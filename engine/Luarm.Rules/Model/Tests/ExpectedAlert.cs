using Luarm.Rules.Diagnostics;
using Luarm.Store.Alerts;

namespace Luarm.Rules.Model.Tests;

/// <summary>One expected alert, in event-time order; each part left out is not checked.</summary>
public sealed record ExpectedAlert(IReadOnlyList<Evidence>? Evidence, string? Output, int? Hits, SourceSpan Where);

using System.Security.Cryptography;
using System.Text;

namespace Luarm.Store.Alerts;

/// <summary>An alert the engine raised, before it is stored.</summary>
public sealed record NewAlert(
    string RuleId,
    string Severity,
    int HostId,
    DateTime FirstSeen,
    DateTime LastSeen,
    int HitCount,
    string Message,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Evidence> Evidence,
    string? KeyDiscriminator = null,
    AlertWindow? Window = null)
{
    /// <summary>
    /// Rule id plus the evidence rows, hashed: the same match evaluated twice (after
    /// a restart, on another node) yields the same key, so it is stored once. An alert
    /// without evidence (a scheduled absence) is told apart by its discriminator
    /// (host and window); alerts without one keep the key they always had. An alert
    /// resumed from the store keeps the key it was stored under.
    /// </summary>
    public string AlertKey { get; init; } = KeyOf(RuleId, Evidence, KeyDiscriminator);

    public static string KeyOf(string ruleId, IEnumerable<Evidence> evidence, string? discriminator = null)
    {
        var canonical = new StringBuilder(ruleId);
        foreach (var item in evidence.OrderBy(e => e.FactTable, StringComparer.Ordinal).ThenBy(e => e.FactId))
        {
            canonical.Append('|').Append(item.FactTable).Append(':').Append(item.FactId);
        }
        if (discriminator is not null)
        {
            canonical.Append("|#").Append(discriminator);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}

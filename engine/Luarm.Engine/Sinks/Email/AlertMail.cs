using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Luarm.Engine.Alerts;
using MimeKit;

namespace Luarm.Engine.Sinks.Email;

/// <summary>
/// Composes the mails: one per alert, or one digest for many. The Message-ID
/// comes from the alert key (a digest's from its alerts' keys), so a mail sent
/// again after a crash is recognisably the same mail. Fact text reaches a mail only
/// through <see cref="AlertText"/> and <see cref="FactText"/>: the subject and every
/// header are one bounded line, so no value can add a header or a recipient.
/// </summary>
internal sealed class AlertMail(MailboxAddress from, IReadOnlyList<MailboxAddress> to, AlertText text, TimeProvider time)
{
    private const int SubjectChars = 200;
    private const int HeaderValueChars = 64;

    private string Domain => from.Domain is { Length: > 0 } domain ? domain : "luarm.invalid";

    public MimeMessage Single(AlertReport report)
    {
        var alert = report.Alert;
        var message = Compose(
            $"[LUARM {alert.Severity}] {alert.RuleId} on {report.HostName}: {alert.Message}",
            text.Body(report),
            $"{alert.AlertKey}@{Domain}",
            alert.Severity);
        message.Headers.Add("X-Luarm-Alert-Key", FactText.OneLine(alert.AlertKey, HeaderValueChars));
        return message;
    }

    public MimeMessage Digest(IReadOnlyList<AlertReport> reports)
    {
        var bySeverity = reports.GroupBy(r => r.Alert.Severity).OrderByDescending(g => SeverityRank.Of(g.Key))
            .Select(g => $"{g.Count()} {g.Key}");
        var hosts = string.Join(", ", reports.Select(r => r.HostName).Distinct().Order(StringComparer.Ordinal));
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{reports.Count} alerts arrived within a minute, so they come in one digest instead of {reports.Count} mails.")
            .AppendLine();
        foreach (var report in reports)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"  {text.Headline(report)} (alert {report.Alert.AlertId})");
        }
        foreach (var report in reports)
        {
            body.AppendLine().AppendLine(new string('=', 72)).AppendLine(text.Headline(report)).AppendLine().Append(text.Body(report));
        }
        var keys = string.Join('\n', reports.Select(r => r.Alert.AlertKey).Order(StringComparer.Ordinal));
        var digestId = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(keys)))[..32];
        var highest = reports.MaxBy(r => SeverityRank.Of(r.Alert.Severity))!.Alert.Severity;
        return Compose($"[LUARM] {reports.Count} alerts ({string.Join(", ", bySeverity)}) on {hosts}", body.ToString(), $"digest-{digestId}@{Domain}", highest);
    }

    private MimeMessage Compose(string subject, string body, string messageId, string severity)
    {
        var message = new MimeMessage { Subject = FactText.OneLine(subject, SubjectChars), MessageId = messageId, Date = time.GetUtcNow(), Body = new TextPart("plain") { Text = body } };
        message.From.Add(from);
        message.To.AddRange(to);
        message.Headers.Add("X-Luarm-Severity", FactText.OneLine(severity, HeaderValueChars));
        return message;
    }
}

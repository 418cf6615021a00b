using System.Text.Json;
using Luarm.Engine.Alerts;

namespace Luarm.Engine.Sinks.JsonLines;

/// <summary>
/// An alert as one JSON object: the alert's columns, its tags, and each evidence
/// row with its columns under the store's names. <c>alertkey</c> lets a shipper
/// drop a line it has seen already.
/// </summary>
internal static class AlertJson
{
    public static void Write(Utf8JsonWriter json, AlertReport report)
    {
        var alert = report.Alert;
        json.WriteStartObject();
        json.WriteNumber("alertid", alert.AlertId);
        json.WriteString("alertkey", alert.AlertKey);
        json.WriteString("ruleid", alert.RuleId);
        json.WriteString("severity", alert.Severity);
        json.WriteNumber("hostid", alert.HostId);
        json.WriteString("host", report.HostName);
        json.WriteString("firstseen", alert.FirstSeen);
        json.WriteString("lastseen", alert.LastSeen);
        json.WriteNumber("hitcount", alert.HitCount);
        json.WriteString("message", alert.Message);
        json.WriteStartArray("tags");
        foreach (var tag in report.Tags)
        {
            json.WriteStringValue(tag);
        }
        json.WriteEndArray();
        json.WriteStartArray("evidence");
        foreach (var evidence in report.Evidence)
        {
            json.WriteStartObject();
            json.WriteString("table", evidence.Reference.FactTable);
            json.WriteNumber("id", evidence.Reference.FactId);
            if (evidence.Row is not null)
            {
                json.WriteStartObject("row");
                foreach (var (column, value) in evidence.Fields)
                {
                    json.WritePropertyName(column);
                    JsonSerializer.Serialize(json, value);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}

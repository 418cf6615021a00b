using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Luarm.Engine.Tests.Peers;

/// <summary>One message as rsyslog parsed it.</summary>
internal sealed record ReceivedSyslog(
    string Input, int Facility, int Level, string ProtocolVersion, string Timestamp, string Hostname,
    string AppName, string MsgId, IReadOnlyDictionary<string, string> Data, string Message, string Raw)
{
    public long AlertId => long.Parse(Data["alertid"], CultureInfo.InvariantCulture);

    public static ReceivedSyslog From(JsonElement json)
    {
        string Text(string name) => json.GetProperty(name).GetString() ?? "";
        return new ReceivedSyslog(
            Text("inputname"), int.Parse(Text("syslogfacility"), CultureInfo.InvariantCulture), int.Parse(Text("syslogseverity"), CultureInfo.InvariantCulture),
            Text("protocol-version"), Text("timereported"), Text("hostname"), Text("app-name"), Text("msgid"),
            ParseStructuredData(Text("structured-data")), Text("msg").TrimStart('\uFEFF'), Text("rawmsg"));
    }

    /// <summary>The parameters of the first SD-ELEMENT, unescaped; the SD-ID under the key "".</summary>
    private static Dictionary<string, string> ParseStructuredData(string text)
    {
        var data = new Dictionary<string, string>();
        if (!text.StartsWith('['))
        {
            return data;
        }
        var i = 1;
        var id = new StringBuilder();
        while (text[i] is not (' ' or ']'))
        {
            id.Append(text[i++]);
        }
        data[""] = id.ToString();
        while (text[i] == ' ')
        {
            var equals = text.IndexOf('=', i);
            var name = text[(i + 1)..equals];
            var value = new StringBuilder();
            for (i = equals + 2; text[i] != '"'; i++)
            {
                value.Append(text[i] == '\\' ? text[++i] : text[i]);
            }
            data[name] = value.ToString();
            i++;
        }
        return data;
    }
}

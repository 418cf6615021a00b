using System.Text;
using System.Text.Json;
using Luarm.Rules.Model;
using Luarm.Rules.Testing;
using Luarm.Store.Access;

namespace Luarm.Rules.Fixtures;

/// <summary>
/// Writes fact rows as a fixture: JSON Lines for <c>.jsonl</c>, otherwise YAML (a
/// list of the same objects, which YAML reads as flow mappings). Each row carries
/// its <c>table</c> and the store's columns, id first.
/// </summary>
public static class FixtureWriter
{
    public static async Task WriteAsync(string path, IEnumerable<object> facts, CancellationToken cancel = default)
    {
        var yaml = !FixtureFile.IsJsonLines(path);
        await using var output = new StreamWriter(path, append: false, new UTF8Encoding(false));
        if (yaml)
        {
            await output.WriteLineAsync("# recorded by luarm rules record: one fact row per item");
        }
        foreach (var fact in facts)
        {
            var row = Row(fact);
            await output.WriteLineAsync(yaml ? $"- {row}" : row);
            cancel.ThrowIfCancellationRequested();
        }
    }

    public static string Row(object fact)
    {
        var kind = FactKind.Of(fact.GetType());
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(FixtureRow.TableColumn, kind.Table.Name);
            foreach (var field in kind.Fields.Values.OrderBy(f => f == kind.Id ? 0 : 1))
            {
                WriteValue(json, field.Name, field.Read(fact));
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case DateTime time:
                json.WriteString(name, StoreTime.ToText(time));
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            case decimal number:
                json.WriteNumber(name, number);
                break;
            default:
                json.WriteString(name, value.ToString());
                break;
        }
    }
}

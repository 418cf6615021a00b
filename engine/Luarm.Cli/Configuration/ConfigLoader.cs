using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Luarm.Cli.Configuration;

/// <summary>Reads luarm.yaml strictly: an unknown or mistyped setting is an error with its position.</summary>
public static class ConfigLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>The config at <paramref name="path"/>, or the first default candidate, or built-in defaults.</summary>
    public static LuarmConfig Load(string? path)
    {
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new ConfigException($"{path}: no such config file; pass an existing file to --config");
            }
            return Parse(path, File.ReadAllText(path));
        }
        var found = DefaultPaths.ConfigCandidates().FirstOrDefault(File.Exists);
        return found is null ? new LuarmConfig() : Parse(found, File.ReadAllText(found));
    }

    public static LuarmConfig Parse(string path, string yaml)
    {
        try
        {
            return Yaml.Deserialize<LuarmConfig?>(yaml) ?? new LuarmConfig();
        }
        catch (YamlException error)
        {
            // A setter's check arrives wrapped by the reflection that called it.
            var reason = error.GetBaseException() is InvalidSettingException invalid ? invalid.Message : (error.InnerException ?? error).Message;
            reason = reason.Contains("not found on type", StringComparison.Ordinal)
                ? $"unknown setting; {reason}"
                : reason;
            throw new ConfigException($"{path}:{error.Start.Line}:{error.Start.Column}: {reason}", error);
        }
    }
}

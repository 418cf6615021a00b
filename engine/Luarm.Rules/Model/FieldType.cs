namespace Luarm.Rules.Model;

/// <summary>What a field holds, which decides the modifiers and values it accepts.</summary>
public enum FieldType
{
    Text,
    Number,
    Time,
}

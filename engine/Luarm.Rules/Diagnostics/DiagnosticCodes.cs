namespace Luarm.Rules.Diagnostics;

/// <summary>The stable codes of every finding, so CI and editors can filter on them.</summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "yaml-syntax";
    public const string YamlTooLarge = "yaml-too-large";
    public const string YamlTooDeep = "yaml-too-deep";
    public const string YamlAlias = "yaml-alias";
    public const string YamlAnchor = "yaml-anchor";
    public const string YamlEncoding = "yaml-encoding";
    public const string YamlControlCharacter = "yaml-control-character";
    public const string FileUnreadable = "file-unreadable";
    public const string LoadFailed = "load-failed";
    public const string UnknownDocument = "unknown-document";
    public const string UnknownKey = "unknown-key";
    public const string MissingKey = "missing-key";
    public const string WrongShape = "wrong-shape";
    public const string WrongType = "wrong-type";
    public const string BadId = "bad-id";
    public const string DuplicateId = "duplicate-id";
    public const string BadSeverity = "bad-severity";
    public const string UnknownKind = "unknown-kind";
    public const string UnknownField = "unknown-field";
    public const string UnknownModifier = "unknown-modifier";
    public const string BadModifier = "bad-modifier";
    public const string UnknownList = "unknown-list";
    public const string DuplicateList = "duplicate-list";
    public const string ListCycle = "list-cycle";
    public const string UnknownMacro = "unknown-macro";
    public const string DuplicateMacro = "duplicate-macro";
    public const string MacroCycle = "macro-cycle";
    public const string ReferenceTooDeep = "reference-too-deep";
    public const string BadRegex = "bad-regex";
    public const string BadCidr = "bad-cidr";
    public const string EmptyValues = "empty-values";
    public const string BadDuration = "bad-duration";
    public const string WindowUnit = "window-unit";
    public const string BadAlias = "bad-alias";
    public const string UndefinedAlias = "undefined-alias";
    public const string BadJoin = "bad-join";
    public const string BadWindow = "bad-window";
    public const string BadCount = "bad-count";
    public const string BadAbsence = "bad-absence";
    public const string BadSchedule = "bad-schedule";
    public const string BadTemplate = "bad-template";
    public const string BadException = "bad-exception";
    public const string UnknownRule = "unknown-rule";
    public const string CartesianJoin = "cartesian-join";
    public const string BadTest = "bad-test";
    public const string BadRow = "bad-row";
}

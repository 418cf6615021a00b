namespace Luarm.Engine.Configuration;

/// <summary>
/// A secret given inline (<c>password</c>), by environment variable
/// (<c>password_env</c>) or by file (<c>password_file</c>, e.g. a systemd or
/// container secret), so it need not sit in luarm.yaml. Resolved once at start,
/// so a missing one is reported then, not at the first alert.
/// </summary>
public static class Secret
{
    /// <param name="property">The inline property's name; the others are it plus <c>Env</c> and <c>File</c>.</param>
    /// <returns>The secret, or null when none of the three is set or one is wrong (then in <paramref name="errors"/>).</returns>
    public static string? Resolve(SettingErrors errors, string property, string? inline, string? environmentVariable, string? file)
    {
        string envProperty = property + "Env", fileProperty = property + "File";
        var given = new[] { inline, environmentVariable, file }.Count(v => !string.IsNullOrEmpty(v));
        if (given > 1)
        {
            errors.Add(property, $"set only one of {errors.NameOf(property)}, {errors.NameOf(envProperty)}, {errors.NameOf(fileProperty)}");
            return null;
        }
        if (!string.IsNullOrEmpty(environmentVariable))
        {
            var value = Environment.GetEnvironmentVariable(environmentVariable);
            if (string.IsNullOrEmpty(value))
            {
                errors.Add(envProperty, $"environment variable {environmentVariable} is not set");
            }
            return value;
        }
        if (!string.IsNullOrEmpty(file))
        {
            try
            {
                var value = File.ReadAllText(file).TrimEnd('\r', '\n');
                if (value.Length == 0)
                {
                    errors.Add(fileProperty, $"{file} is empty");
                }
                return value;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                errors.Add(fileProperty, $"cannot read {file} ({error.Message})");
                return null;
            }
        }
        return string.IsNullOrEmpty(inline) ? null : inline;
    }
}

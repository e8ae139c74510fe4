using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Checks <see cref="RedactionOptions"/>, naming the configuration key of each problem (<c>LlmIngest:Redaction:…</c>).</summary>
internal static partial class RedactionOptionsValidator
{
    private const int MinimumKeyBytes = 32;

    public static void Validate(RedactionOptions options, string section, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (!Enum.IsDefined(options.Style))
        {
            errors.Add($"{section}:Style must be Marker, Mask or Pseudonym.");
        }

        if (options.Style == RedactionStyle.Pseudonym && !IsValidKey(options.PseudonymKey))
        {
            errors.Add($"{section}:PseudonymKey must be a base64 key of at least {MinimumKeyBytes} bytes when {section}:Style is Pseudonym (e.g. the output of 'openssl rand -base64 32').");
        }
        else if (!string.IsNullOrWhiteSpace(options.PseudonymKey) && !IsValidKey(options.PseudonymKey))
        {
            // The key also makes the pseudonyms of session_id and user_id, whatever the style.
            errors.Add($"{section}:PseudonymKey must be a base64 key of at least {MinimumKeyBytes} bytes (e.g. the output of 'openssl rand -base64 32').");
        }

        foreach (var name in options.Detectors.Keys)
        {
            if (!DetectorCatalog.IsKnown(name))
            {
                errors.Add($"{section}:Detectors:{name} is not a detector; known detectors: {string.Join(", ", KnownNames())}.");
            }
        }

        for (var i = 0; i < options.CustomDetectors.Count; i++)
        {
            var custom = options.CustomDetectors[i];
            var key = $"{section}:CustomDetectors:{i}";
            if (custom is null)
            {
                continue;
            }

            if (string.IsNullOrEmpty(custom.Name) || !KindName().IsMatch(custom.Name))
            {
                errors.Add($"{key}:Name must be 1-40 letters, digits or '_' (got '{custom.Name}').");
            }

            if (string.IsNullOrEmpty(custom.Pattern))
            {
                errors.Add($"{key}:Pattern is required.");
            }
            else
            {
                CheckPattern(custom.Pattern, $"{key}:Pattern", CustomPatternDetector.Compile, errors);
            }
        }

        for (var i = 0; i < options.AllowPatterns.Count; i++)
        {
            CheckPattern(options.AllowPatterns[i] ?? string.Empty, $"{section}:AllowPatterns:{i}", AllowList.Compile, errors);
        }
    }

    private static void CheckPattern(string pattern, string key, Func<string, Regex> compile, List<string> errors)
    {
        try
        {
            _ = compile(pattern);
        }
        catch (NotSupportedException e)
        {
            errors.Add($"{key} uses a construct the linear-time regex engine does not support (lookarounds, backreferences, atomic groups): {e.Message}");
        }
        catch (ArgumentException e)
        {
            errors.Add($"{key} is not a valid regular expression: {e.Message}");
        }
    }

    private static bool IsValidKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var bytes = new byte[((key.Length * 3) / 4) + 3];
        return Convert.TryFromBase64String(key, bytes, out var written) && written >= MinimumKeyBytes;
    }

    private static List<string> KnownNames()
    {
        var names = new List<string>(DetectorCatalog.All.Count);
        foreach (var entry in DetectorCatalog.All)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex KindName();
}

using LlmIngest.Redaction;

namespace LlmIngest;

/// <summary>
/// The redaction the pipeline applies, for use outside it: the same detectors, style, allow-lists and pseudonyms that
/// <see cref="RedactionOptions"/> configure.
/// </summary>
public static class LlmTraceRedaction
{
    private const string Section = "LlmIngest:Redaction";

    /// <summary>The problems with <paramref name="options"/>, each naming its configuration key (<c>LlmIngest:Redaction:…</c>); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(RedactionOptions options)
    {
        var errors = new List<string>();
        RedactionOptionsValidator.Validate(options, Section, errors);
        return errors;
    }

    /// <summary>Builds the redactor <paramref name="options"/> describe.</summary>
    /// <exception cref="ArgumentException">The options are not valid (see <see cref="Validate"/>).</exception>
    public static IRedactor CreateRedactor(RedactionOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        }

        return RedactorFactory.Create(options);
    }

    /// <summary>
    /// The keyed pseudonym the log holds for the identifier <paramref name="value"/> (a <c>session_id</c> or
    /// <c>user_id</c> that held PII) under <see cref="RedactionOptions.PseudonymKey"/>, or null when no key is set.
    /// </summary>
    public static string? PseudonymOf(RedactionOptions options, string value)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(value);
        using var pseudonyms = IdentifierPseudonyms.Create(options);
        return pseudonyms?.Pseudonym(value);
    }
}

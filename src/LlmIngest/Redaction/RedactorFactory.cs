namespace LlmIngest.Redaction;

/// <summary>Builds the <see cref="PatternRedactor"/> that <see cref="RedactionOptions"/> describe (validated beforehand).</summary>
internal static class RedactorFactory
{
    public static PatternRedactor Create(RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var detectors = new List<IPiiDetector>();
        foreach (var custom in options.CustomDetectors)
        {
            detectors.Add(new CustomPatternDetector(custom.Name, CustomPatternDetector.Compile(custom.Pattern), MarkerOf(custom)));
        }

        foreach (var entry in DetectorCatalog.All)
        {
            if (!options.Detectors.TryGetValue(entry.Name, out var enabled) || enabled)
            {
                detectors.Add(entry.Create());
            }
        }

        var replacer = options.Style == RedactionStyle.Pseudonym
            ? new FindingReplacer(RedactionStyle.Pseudonym, new KeyedPseudonymizer(options.PseudonymKey!))
            : new FindingReplacer(options.Style);
        return new PatternRedactor([.. detectors], replacer, new AllowList(options.AllowList, options.AllowPatterns));
    }

    /// <summary>The marker of a custom detector: configured, or the upper-cased name in brackets.</summary>
    public static string MarkerOf(CustomDetectorOptions custom) =>
        string.IsNullOrEmpty(custom.Marker) ? $"[{custom.Name.ToUpperInvariant()}]" : custom.Marker;
}

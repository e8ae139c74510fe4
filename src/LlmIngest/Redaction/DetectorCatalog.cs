namespace LlmIngest.Redaction;

/// <summary>
/// The built-in detectors by configuration name, in priority order: secrets first (long and specific, so a password in
/// a URL is not taken for an email), vendor shapes before secret-named settings (so <c>api_key=sk-…</c> counts as an
/// OpenAI key), then PII. When findings overlap, the earlier one wins, then the one listed first.
/// </summary>
internal static class DetectorCatalog
{
    public static readonly IReadOnlyList<DetectorEntry> All =
    [
        new("PrivateKey", DetectorCategory.Secret, static () => new PrivateKeyDetector()),
        new("Jwt", DetectorCategory.Secret, static () => new JwtDetector()),
        new("AnthropicKey", DetectorCategory.Secret, static () => new AnthropicKeyDetector()),
        new("OpenAiKey", DetectorCategory.Secret, static () => new OpenAiKeyDetector()),
        new("GitHubToken", DetectorCategory.Secret, static () => new GitHubTokenDetector()),
        new("SlackToken", DetectorCategory.Secret, static () => new SlackTokenDetector()),
        new("StripeKey", DetectorCategory.Secret, static () => new StripeKeyDetector()),
        new("GoogleApiKey", DetectorCategory.Secret, static () => new GoogleApiKeyDetector()),
        new("AwsAccessKey", DetectorCategory.Secret, static () => new AwsAccessKeyDetector()),
        new("AwsSecretKey", DetectorCategory.Secret, static () => new AwsSecretKeyDetector()),
        new("VendorKey", DetectorCategory.Secret, static () => new VendorKeyDetector()),
        new("BearerToken", DetectorCategory.Secret, static () => new BearerTokenDetector()),
        new("HttpCredentials", DetectorCategory.Secret, static () => new HttpCredentialDetector()),
        new("UrlPassword", DetectorCategory.Secret, static () => new UrlPasswordDetector()),
        new("ConnectionStringPassword", DetectorCategory.Secret, static () => new KeyedSecretDetector(SecretNameKind.Password)),
        new("SecretValue", DetectorCategory.Secret, static () => new KeyedSecretDetector(SecretNameKind.Secret)),
        new("PasswordInProse", DetectorCategory.Secret, static () => new PasswordInProseDetector()),
        new("Email", DetectorCategory.Pii, static () => new EmailDetector()),
        new("Iban", DetectorCategory.Pii, static () => new IbanDetector()),
        new("Card", DetectorCategory.Pii, static () => new PaymentCardDetector()),
        new("Ssn", DetectorCategory.Pii, static () => new SsnDetector()),
        new("Phone", DetectorCategory.Pii, static () => new PhoneNumberDetector()),
        new("Ipv6", DetectorCategory.Pii, static () => new Ipv6AddressDetector()),
        new("Ipv4", DetectorCategory.Pii, static () => new Ipv4AddressDetector()),
    ];

    /// <summary>Whether <paramref name="name"/> names a built-in detector (case-insensitive).</summary>
    public static bool IsKnown(string name)
    {
        foreach (var entry in All)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>New instances of the built-in detectors of the given categories, in priority order.</summary>
    public static IPiiDetector[] Create(DetectorCategory categories = DetectorCategory.Pii | DetectorCategory.Secret)
    {
        var detectors = new List<IPiiDetector>(All.Count);
        foreach (var entry in All)
        {
            if ((entry.Category & categories) != 0)
            {
                detectors.Add(entry.Create());
            }
        }

        return [.. detectors];
    }
}

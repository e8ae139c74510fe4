namespace LlmIngest.Redaction;

/// <summary>
/// Classifies the name of a setting, JSON property, header, query parameter or command-line flag by its last words
/// (<c>DB_PASSWORD</c>, <c>apiKey</c>, <c>x-api-key</c>, <c>client_secret</c>), case and separators ignored.
/// </summary>
internal static class SecretName
{
    /// <summary>Longer names are not settings (and a bound keeps the scan per anchor constant).</summary>
    public const int MaxLength = 64;

    private static readonly string[] PasswordEndings = ["password", "passwd", "pwd", "passphrase", "passcode"];

    private static readonly string[] PasswordWords = ["pass", "pw"];

    private static readonly string[] SecretEndings =
    [
        "secret", "token", "apikey", "accesskey", "secretkey", "privatekey", "accountkey", "sharedaccesskey",
        "subscriptionkey", "masterkey", "signingkey", "encryptionkey", "licensekey", "appkey", "applicationkey", "authkey",
        "hmackey", "clientkey", "consumerkey", "webhookkey", "ingestkey", "writekey", "adminkey", "servicekey", "deploykey",
        "sessionkey", "credential", "credentials", "creds", "secretkeybase", "amzsignature",
    ];

    private static readonly string[] SecretNames = ["auth", "sig"];

    // Names that end like a secret but hold none: pagination cursors, tokenizer vocabulary, cancellation, CSRF.
    private static readonly string[] NotSecretEndings =
    [
        "cancellationtoken", "pagetoken", "nexttoken", "continuationtoken", "synctoken", "paginationtoken", "cursortoken",
        "maxtoken", "eostoken", "bostoken", "padtoken", "unktoken", "septoken", "clstoken", "masktoken", "stoptoken",
        "specialtoken", "starttoken", "endtoken", "csrftoken", "xsrftoken", "csrfsecret",
    ];

    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    public static SecretNameKind Classify(ReadOnlySpan<char> name)
    {
        if (name.Length > MaxLength)
        {
            return SecretNameKind.None;
        }

        Span<char> buffer = stackalloc char[MaxLength];
        var length = 0;
        var lastWord = 0;
        var previous = '\0';
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(previous))
                {
                    lastWord = length;
                }

                buffer[length++] = char.ToLowerInvariant(c);
            }
            else
            {
                lastWord = length;
            }

            previous = c;
        }

        var normalized = buffer[..length];
        if (normalized.IsEmpty)
        {
            return SecretNameKind.None;
        }

        if (EndsWithAny(normalized, PasswordEndings) || EqualsAny(normalized[lastWord..], PasswordWords))
        {
            return SecretNameKind.Password;
        }

        if ((EndsWithAny(normalized, SecretEndings) && !EndsWithAny(normalized, NotSecretEndings)) || EqualsAny(normalized, SecretNames))
        {
            return SecretNameKind.Secret;
        }

        return SecretNameKind.None;
    }

    private static bool EndsWithAny(ReadOnlySpan<char> value, string[] endings)
    {
        foreach (var ending in endings)
        {
            if (value.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EqualsAny(ReadOnlySpan<char> value, string[] words)
    {
        foreach (var word in words)
        {
            if (value.SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }
}

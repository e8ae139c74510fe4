namespace LlmIngest.Redaction;

/// <summary>Whether a detector finds personal data or credentials.</summary>
[Flags]
internal enum DetectorCategory
{
    /// <summary>Personal data: emails, phones, SSNs, cards, IBANs, IP addresses.</summary>
    Pii = 1,

    /// <summary>Credentials: API keys, tokens, private keys, passwords.</summary>
    Secret = 2,
}

namespace LlmIngest.Redaction;

/// <summary>What a finding looks like: decides what partial masking may show and how a pseudonym normalizes it.</summary>
internal enum FindingShape
{
    /// <summary>Secrets, addresses, custom patterns: nothing of the value is ever shown.</summary>
    Opaque,

    /// <summary>Cards, SSNs, phones, IBANs: masking keeps the last four letters or digits; separators do not change a pseudonym.</summary>
    Number,

    /// <summary>Email addresses: masking keeps the domain; case does not change a pseudonym.</summary>
    Email,
}

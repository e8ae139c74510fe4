namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// One generated case: a category, the text, the secret that must not survive redaction (null for a hard negative, which
/// must come out unchanged), and optionally text next to the secret that must survive it (a URL's host).
/// </summary>
internal sealed record SecretSample(string Category, string Text, string? Secret, string? Keep = null)
{
    public bool IsNegative => Secret is null;
}

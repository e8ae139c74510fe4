namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>One generated case: a category, the text, and the secret that must not survive redaction (null for a hard negative, which must come out unchanged).</summary>
internal sealed record SecretSample(string Category, string Text, string? Secret)
{
    public bool IsNegative => Secret is null;
}

using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

public sealed class LlmTraceRedactionTests
{
    private const string Key = "bGxtaW5nZXN0LXRlc3Qta2V5LW9ubHktMzItYnl0ZXMhIQ==";

    [Fact]
    public void PseudonymOf_GivesTheIdentifierThePseudonymThePipelineLogs()
    {
        using var pipeline = new IdentifierPseudonyms(Key);

        Assert.Equal(pipeline.Pseudonym("alice@example.com"), LlmTraceRedaction.PseudonymOf(new RedactionOptions { PseudonymKey = Key }, "alice@example.com"));
        Assert.Null(LlmTraceRedaction.PseudonymOf(new RedactionOptions(), "alice@example.com"));
    }

    [Fact]
    public void CreateRedactor_WithInvalidOptions_ThrowsNamingTheKey()
    {
        var options = new RedactionOptions { Style = RedactionStyle.Pseudonym };

        Assert.Contains(LlmTraceRedaction.Validate(options), e => e.StartsWith("LlmIngest:Redaction:PseudonymKey", StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(() => LlmTraceRedaction.CreateRedactor(options));
        Assert.Contains("LlmIngest:Redaction:PseudonymKey", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateRedactor_WithDefaults_RedactsLikeThePipeline()
    {
        var counts = new RedactionCounts();

        var redacted = LlmTraceRedaction.CreateRedactor(new RedactionOptions()).Redact("mail alice@example.com", counts);

        Assert.Equal(RedactorFactory.Create(new RedactionOptions()).Redact("mail alice@example.com", new RedactionCounts()), redacted);
        Assert.Equal(1, counts.Total);
    }
}

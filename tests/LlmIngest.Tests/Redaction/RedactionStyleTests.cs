using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

public sealed class RedactionStyleTests
{
    private const string Key = "bGxtaW5nZXN0LXRlc3Qta2V5LW9ubHktMzItYnl0ZXMhIQ==";

    [Theory]
    [InlineData("card 4111 1111 1111 1111", "card [CARD ****1111]")]
    [InlineData("mail Jane.Doe@example.com", "mail [EMAIL ****@example.com]")]
    [InlineData("ssn 219-09-9999", "ssn [SSN ****9999]")]
    [InlineData("iban DE89 3704 0044 0532 0130 00", "iban [IBAN ****3000]")]
    [InlineData("key sk-proj-FAKEexample0123456789abcdefGHIJ", "key [OPENAI_KEY]")]
    public void Mask_KeepsOnlyAHarmlessPart_AndNothingOfSecrets(string input, string expected)
    {
        var redactor = RedactorFactory.Create(new RedactionOptions { Style = RedactionStyle.Mask });

        Assert.Equal(expected, redactor.Redact(input, new RedactionCounts()));
    }

    [Fact]
    public void Pseudonym_GivesTheSameTokenForTheSameValue_AndDifferentTokensForOthers()
    {
        var redactor = RedactorFactory.Create(new RedactionOptions { Style = RedactionStyle.Pseudonym, PseudonymKey = Key });

        var a = redactor.Redact("jane@example.com", new RedactionCounts());
        var b = redactor.Redact("JANE@example.com", new RedactionCounts());
        var c = redactor.Redact("john@example.com", new RedactionCounts());
        var card1 = redactor.Redact("4111 1111 1111 1111", new RedactionCounts());
        var card2 = redactor.Redact("4111-1111-1111-1111", new RedactionCounts());

        Assert.Matches(@"^\[EMAIL:[A-Za-z0-9_-]{12}\]$", a);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(card1, card2);
    }

    [Fact]
    public void Pseudonym_DependsOnTheKey()
    {
        var other = Convert.ToBase64String(new byte[32]);
        var first = RedactorFactory.Create(new RedactionOptions { Style = RedactionStyle.Pseudonym, PseudonymKey = Key });
        var second = RedactorFactory.Create(new RedactionOptions { Style = RedactionStyle.Pseudonym, PseudonymKey = other });

        Assert.NotEqual(first.Redact("jane@example.com", new RedactionCounts()), second.Redact("jane@example.com", new RedactionCounts()));
    }

    [Fact]
    public void AllowList_KeepsExactStringsAndWholePatternMatches_AndDoesNotCountThem()
    {
        var options = new RedactionOptions();
        options.AllowList.Add("support@example.com");
        options.AllowPatterns.Add(@"10\.0\.0\.\d+");
        var counts = new RedactionCounts();

        var result = RedactorFactory.Create(options).Redact("support@example.com, jane@example.com, 10.0.0.7, 10.1.0.7", counts);

        Assert.Equal("support@example.com, [EMAIL], 10.0.0.7, [IP]", result);
        Assert.Equal(2, counts.Total);
    }

    [Fact]
    public void CustomDetector_ReplacesItsMatchesWithItsMarker_AndCountsItsName()
    {
        var options = new RedactionOptions();
        options.CustomDetectors.Add(new CustomDetectorOptions { Name = "employee_id", Pattern = "EMP-[0-9]{6}" });
        var counts = new RedactionCounts();

        var result = RedactorFactory.Create(options).Redact("badge EMP-123456 ok", counts);

        Assert.Equal("badge [EMPLOYEE_ID] ok", result);
        Assert.Equal(1, counts.ByKind["employee_id"]);
    }

    [Fact]
    public void DisabledDetector_LeavesItsFindingsAlone()
    {
        var options = new RedactionOptions();
        options.Detectors["Ipv4"] = false;

        Assert.Equal("host 10.1.2.3, [EMAIL]", RedactorFactory.Create(options).Redact("host 10.1.2.3, a@example.com", new RedactionCounts()));
    }
}

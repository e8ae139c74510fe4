using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

public sealed class PatternRedactorTests
{
    private readonly PatternRedactor _redactor = new();

    [Theory]
    [InlineData("Write to dana.whitfield@example.com today", "Write to [EMAIL] today")]
    [InlineData("cc: a+b@mail.example.co.uk, x_y@sub-domain.io", "cc: [EMAIL], [EMAIL]")]
    [InlineData("SSN 219-09-9999.", "SSN [SSN].")]
    [InlineData("card 4111 1111 1111 1111 please", "card [CARD] please")]
    [InlineData("card 5500-0000-0000-0004", "card [CARD]")]
    [InlineData("amex 378282246310005 ok", "amex [CARD] ok")]
    [InlineData("call (415) 555-0132 now", "call [PHONE] now")]
    [InlineData("call 415-555-0132", "call [PHONE]")]
    [InlineData("call 415.555.0132", "call [PHONE]")]
    [InlineData("call +1 415 555 0132", "call [PHONE]")]
    [InlineData("UK +44 20 7946 0958", "UK [PHONE]")]
    [InlineData("UK 020 7946 0958", "UK [PHONE]")]
    [InlineData("DE 030 12345678", "DE [PHONE]")]
    [InlineData("FR 01 23 45 67 89", "FR [PHONE]")]
    [InlineData("FR +33 1 23 45 67 89", "FR [PHONE]")]
    [InlineData("IN +91 98765 43210", "IN [PHONE]")]
    [InlineData("E.164 +14155550132", "E.164 [PHONE]")]
    public void Redact_ReplacesEachFindingWithItsMarker(string input, string expected)
    {
        var counts = new RedactionCounts();

        Assert.Equal(expected, _redactor.Redact(input, counts));
        Assert.True(counts.Total >= 1);
    }

    [Theory]
    [InlineData("Order 2024-118-55213 is late")]
    [InlineData("order number 4111 1111 1111 1112 fails Luhn")]
    [InlineData("Version 3.2.1 released on 2024-01-15 at 14:00")]
    [InlineData("SSN-like 000-12-3456 and 666-12-3456 and 900-12-3456 are never issued")]
    [InlineData("Team of 25 in 3 regions, 12 services")]
    [InlineData("ticket 1234567890123 with no Luhn")]
    [InlineData("an @ sign alone, user@localhost is not routable")]
    [InlineData("year 2025, extension 4567, pi 3.14159")]
    public void Redact_LeavesLookAlikesAlone(string input)
    {
        var counts = new RedactionCounts();

        Assert.Same(input, _redactor.Redact(input, counts));
        Assert.Equal(0, counts.Total);
    }

    [Fact]
    public void Redact_CountsFindingsByKind()
    {
        var counts = new RedactionCounts();

        _redactor.Redact("a@b.io, c@d.io, 219-09-9999, 4111-1111-1111-1111, (415) 555-0132", counts);

        Assert.Equal(2, counts.ByKind["email"]);
        Assert.Equal(1, counts.ByKind["ssn"]);
        Assert.Equal(1, counts.ByKind["card"]);
        Assert.Equal(1, counts.ByKind["phone"]);
        Assert.Equal(5, counts.Total);
    }

    [Fact]
    public void Redact_TextWithoutDigitsOrAtSign_IsReturnedAsTheSameInstance()
    {
        var text = "Please summarise the customer's complaint in one sentence.";

        Assert.Same(text, _redactor.Redact(text, new RedactionCounts()));
    }

    [Fact]
    public void Redact_KeepsNonAsciiTextAroundFindings()
    {
        var result = _redactor.Redact("Chloé 日本語 📞 +33 1 23 45 67 89 — merci", new RedactionCounts());

        Assert.Equal("Chloé 日本語 📞 [PHONE] — merci", result);
    }

    [Theory]
    [InlineData('a', 1_000_000)]
    [InlineData('1', 1_000_000)]
    [InlineData('@', 200_000)]
    public void Redact_OnAMegabyteOfPathologicalInput_Completes(char fill, int length)
    {
        // Linear-time engines (non-backtracking, bounded quantifiers): this finishes in milliseconds.
        // Speed itself is measured in bench/, not asserted here.
        var text = new string(fill, length) + "@x" + new string(fill, length / 2) + " 4111 1111 1111 1111";

        var result = _redactor.Redact(text, new RedactionCounts());

        Assert.EndsWith("[CARD]", result, StringComparison.Ordinal);
    }
}

using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

/// <summary>
/// Context rules: a keyword or key name close before a value admits shapes that are too ambiguous alone, and every
/// finding they admit is counted under the rule's name.
/// </summary>
public sealed class ContextRuleTests
{
    [Theory]
    [InlineData("SSN: 123 45 6789", "SSN: [SSN]")]
    [InlineData("{\"customer_ssn\":\"123456789\"}", "{\"customer_ssn\":\"[SSN]\"}")]
    [InlineData("Social Security number is 123.45.6789.", "Social Security number is [SSN].")]
    [InlineData("SOCIAL_SECURITY=078051120", "SOCIAL_SECURITY=[SSN]")]
    [InlineData("ss#: 219099999", "ss#: [SSN]")]
    [InlineData("soc sec #: 536 22 8845", "soc sec #: [SSN]")]
    public void Ssn_AfterAKeyword_AdmitsNineDigitsWithoutDashes_AndCountsTheRule(string text, string expected)
    {
        var counts = new RedactionCounts();

        Assert.Equal(expected, new PatternRedactor().Redact(text, counts));
        Assert.Equal(1, counts.ByKind["ssn"]);
        Assert.Equal(1, counts.ByContextRule["ssn-keyword"]);
    }

    [Theory]
    [InlineData("123 45 6789 was the reference")]                // no keyword
    [InlineData("SSN: 666 12 3456")]                             // never issued, keyword or not
    [InlineData("SSN: 900123456")]
    [InlineData("Gassner 123456789")]                            // "ssn" inside a word
    [InlineData("SSN unknown. Order 123456789 shipped on time")] // too far and past other words
    [InlineData("ssn: 1234567890")]                              // ten digits
    public void Ssn_LeavesNineDigitsAlone_WithoutACloseKeyword_OrWhenNeverIssued(string text)
    {
        Assert.Same(text, new PatternRedactor().Redact(text, new RedactionCounts()));
    }

    [Theory]
    [InlineData("{\"phone\":\"2025550143\"}", "{\"phone\":\"[PHONE]\"}")]
    [InlineData("mobile: 91234567", "mobile: [PHONE]")]
    [InlineData("homePhone=4155550132;", "homePhone=[PHONE];")]
    [InlineData("電話 0312345678", "電話 [PHONE]")]
    [InlineData("ph. 9876543210", "ph. [PHONE]")]
    [InlineData("Mob: 0412345678", "Mob: [PHONE]")]
    public void Phone_AfterAKeyword_AdmitsABareNationalNumber_AndCountsTheRule(string text, string expected)
    {
        var counts = new RedactionCounts();

        Assert.Equal(expected, new PatternRedactor().Redact(text, counts));
        Assert.Equal(1, counts.ByKind["phone"]);
        Assert.Equal(1, counts.ByContextRule["phone-keyword"]);
    }

    [Theory]
    [InlineData("phone updated on 2024-01-15")]
    [InlineData("Telemetry 12345678 events")]
    [InlineData("hotel 12345678")]
    [InlineData("graph 12345678 nodes")]
    [InlineData("pH 7.4 measured at 20240115")]
    [InlineData("phone: 555-0100")]
    [InlineData("The phone model is great. Order 12345678 ships soon.")]
    public void Phone_KeywordRule_LeavesDatesShortNumbersAndDistantValuesAlone(string text)
    {
        Assert.Same(text, new PatternRedactor().Redact(text, new RedactionCounts()));
    }

    [Fact]
    public void Counts_FindingsAdmittedByShape_AreNotCountedUnderAnyRule()
    {
        var counts = new RedactionCounts();

        new PatternRedactor().Redact("SSN 219-09-9999, call +44 20 7946 0958", counts);

        Assert.Equal(2, counts.Total);
        Assert.Empty(counts.ByContextRule);
    }
}

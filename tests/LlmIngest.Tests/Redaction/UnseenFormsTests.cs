using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

/// <summary>
/// The formats issue 13's held-out corpus found missing, by category, and the look-alikes that were over-redacted.
/// </summary>
public sealed class UnseenFormsTests
{
    [Theory]
    [InlineData("Büro: 030/12345678", "Büro: [PHONE]")]                      // slash after the area code
    [InlineData("Telefon: 089 / 123 456 78", "Telefon: [PHONE]")]             // spaced slash (DE)
    [InlineData("Ruf an: 03012345678.", "Ruf an: [PHONE].")]                  // compact national, trunk prefix
    [InlineData("Call 07700 900123 today", "Call [PHONE] today")]           // UK mobile
    [InlineData("reach Priya on 98765 43210", "reach Priya on [PHONE]")]    // Indian mobile, no trunk prefix
    [InlineData("東京の番号は03-1234-5678です", "東京の番号は[PHONE]です")]          // Japanese national, no spaces in CJK
    [InlineData("携帯 090-1234-5678", "携帯 [PHONE]")]
    [InlineData("+49 (0)30 1234567", "[PHONE]")]
    [InlineData("llámame al 912 345 678", "llámame al [PHONE]")]            // grouped like a phone, valid in ES
    [InlineData("(11) 91234-5678 é o celular", "[PHONE] é o celular")]      // area code in parentheses (BR)
    public void Phone_NationalFormsBeyondTheShapeRegex_AreFoundThroughTheNumberPlans(string text, string expected)
    {
        Assert.Equal(expected, new PatternRedactor().Redact(text, new RedactionCounts()));
    }

    [Theory]
    [InlineData("Part number 123-4567-890")]
    [InlineData("ISBN 0-306-40615-2")]
    [InlineData("Order 2024-118-55213 is late")]
    [InlineData("Tracking number 6767 0444 2636 6597")]
    [InlineData("The meeting moved to 05/02/1999 10:18.")]
    [InlineData("chrome 120.0.6099.109")]
    public void Phone_LeavesPartNumbersDatesAndTailsOfLongerNumbersAlone(string text)
    {
        Assert.Same(text, new PatternRedactor().Redact(text, new RedactionCounts()));
    }

    [Theory]
    [InlineData("card 4111.1111.1111.1111 on file", "card [CARD] on file")]
    [InlineData("iban de89 3704 0044 0532 0130 00", "iban [IBAN]")]
    [InlineData("iban de89370400440532013000.", "iban [IBAN].")]
    [InlineData("IBAN: CH93-0076-2011-6238-5295-7", "IBAN: [IBAN]")]         // dashes from the first group on
    [InlineData("josé.garcía@ejemplo.es escribió", "[EMAIL] escribió")]
    [InlineData("Почта: иван@пример.рф", "Почта: [EMAIL]")]
    [InlineData("邮箱 用户@例子.广告", "邮箱 [EMAIL]")]
    [InlineData("mail müller@bücher.de", "mail [EMAIL]")]
    public void Redact_FindsDottedCards_LowerCaseIbans_AndInternationalisedEmails(string text, string expected)
    {
        Assert.Equal(expected, new PatternRedactor().Redact(text, new RedactionCounts()));
    }

    [Theory]
    [InlineData("git clone git@github.com:org/repo.git", "git@github.com:org/repo.git")]
    [InlineData("origin git@gitlab.example.com:group/sub/repo.git (fetch)", "git@gitlab.example.com:group/sub/repo.git")]
    [InlineData("ssh://git@github.com/org/repo.git", "git@github.com")]
    [InlineData("REDIS_URL=redis://:s3cretpw@cache-01.internal:6379/0", "@cache-01.internal:6379/0")]
    [InlineData("version 4.1.1111.1111 and SI50625426044782248", "SI50625426044782248")]
    public void Redact_KeepsGitRemotesAndConnectionHosts_NotTakingThemForEmails(string text, string kept)
    {
        var redacted = new PatternRedactor().Redact(text, new RedactionCounts());

        Assert.Contains(kept, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("[EMAIL]", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_InAUrlPathOrAfterMailto_IsStillAnEmail()
    {
        var redactor = new PatternRedactor();

        Assert.Equal("https://example.com/u/[EMAIL]", redactor.Redact("https://example.com/u/jane@example.com", new RedactionCounts()));
        Assert.Equal("mailto:[EMAIL]", redactor.Redact("mailto:jane@example.com", new RedactionCounts()));
    }
}

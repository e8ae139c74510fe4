using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

/// <summary>
/// Values hidden by how text is stored (escapes, encodings, invisible characters, fullwidth forms) are found in the
/// normalized view and replaced in the original, over the whole original spelling.
/// </summary>
public sealed class NormalizedViewTests
{
    [Theory]
    [InlineData("{\"text\":\"Kontakt:\\nDE89370400440532013000\\nDanke\"}", "{\"text\":\"Kontakt:\\n[IBAN]\\nDanke\"}")]
    [InlineData("{\"phone\":\"\\u002B49 30 12345678\"}", "{\"phone\":\"[PHONE]\"}")]
    [InlineData("{\"ip\":\"\\t203.0.113.42\"}", "{\"ip\":\"\\t[IP]\"}")]
    [InlineData("mail jane\\u0040example.com now", "mail [EMAIL] now")]
    [InlineData("/search?q=jane.doe%40example.com&page=2", "/search?q=[EMAIL]&page=2")]
    [InlineData("?tel=%2B44%2020%207946%200958&x=1", "?tel=[PHONE]&x=1")]
    [InlineData("?q=mar%C3%ADa%40example.es", "?q=[EMAIL]")]
    [InlineData("<td>jane&#64;example.com</td>", "<td>[EMAIL]</td>")]
    [InlineData("<td>jane&#x40;example.com</td>", "<td>[EMAIL]</td>")]
    [InlineData("<td>jane&commat;example.com</td>", "<td>[EMAIL]</td>")]
    [InlineData("ja\u200bne@example.com", "[EMAIL]")]
    [InlineData("card 4111\u00ad1111 1111 1111", "card [CARD]")]
    [InlineData("card 4111\u00a01111\u00a01111\u00a01111", "card [CARD]")]
    [InlineData("card 4111\u20091111\u20091111\u20091111", "card [CARD]")]
    [InlineData("card 4111\u202f1111\u202f1111\u202f1111", "card [CARD]")]
    [InlineData("カード ４１１１ １１１１ １１１１ １１１１ です", "カード [CARD] です")]
    [InlineData("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "[EMAIL]")]
    [InlineData("lookup \u001b[33m203.0.113.42\u001b[0m done", "lookup \u001b[33m[IP]\u001b[0m done")]
    [InlineData("{\"log\":\"\\u001b[33m203.0.113.42\\u001b[0m\"}", "{\"log\":\"\\u001b[33m[IP]\\u001b[0m\"}")]
    public void Redact_FindsValuesBehindEscapesEncodingsAndInvisibleCharacters_AndReplacesTheOriginalSpelling(string text, string expected)
    {
        Assert.Equal(expected, new PatternRedactor().Redact(text, new RedactionCounts()));
    }

    [Fact]
    public void Create_MapsEachViewCharacterBackToTheWholeOriginalSequence()
    {
        var view = NormalizedView.Create("a\\u0040b%40c&#64;d\u200be")!;

        Assert.Equal("a@b@c@de", view.Text);
        Assert.Equal((1, 7), (view.OriginalStart(1), view.OriginalEnd(2)));   // \u0040
        Assert.Equal((8, 11), (view.OriginalStart(3), view.OriginalEnd(4)));  // %40
        Assert.Equal((12, 17), (view.OriginalStart(5), view.OriginalEnd(6))); // &#64;
        Assert.Equal(19, view.OriginalStart(7));                              // the zero-width space is gone
    }

    [Theory]
    [InlineData("Plain ASCII prose with digits 42 and an @ sign.")]
    [InlineData("Sales grew 50% and C:\\Users\\me is a path; AT&T is a company.")]
    public void Create_ReturnsNoView_WhenTheTextReadsTheSame(string text)
    {
        Assert.Null(NormalizedView.Create(text));
    }

    [Fact]
    public void Redact_MasksWhatAReaderSees_NotTheEscapes()
    {
        var redactor = new PatternRedactor(DetectorCatalog.Create(), new FindingReplacer(RedactionStyle.Mask));

        Assert.Equal("[CARD ****1111]", redactor.Redact("4111 1111 1111 111\\u0031", new RedactionCounts()));
    }
}

using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

public sealed class LuhnValidatorTests
{
    [Theory]
    [InlineData("4111111111111111", true, 16)]
    [InlineData("4111 1111 1111 1111", true, 16)]
    [InlineData("5500-0000-0000-0004", true, 16)]
    [InlineData("378282246310005", true, 15)]
    [InlineData("4111111111111112", false, 16)]
    [InlineData("4111a111", false, 0)]
    public void IsValid_ChecksTheDigitsIgnoringSpacesAndDashes(string text, bool expected, int expectedDigits)
    {
        var valid = LuhnValidator.IsValid(text, out var digits);

        Assert.Equal(expected, valid);
        if (expected)
        {
            Assert.Equal(expectedDigits, digits);
        }
    }
}

using LlmIngest.Cli;

namespace LlmIngest.Tests.Cli;

public sealed class DurationTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("1.5d", 129600)]
    [InlineData("00:10:00", 600)]
    public void ParseDuration_AcceptsUnitsAndTimeSpans(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.ParseDuration(text, "--expires"));

    [Fact]
    public void ParsePoint_ReadsADurationAsThatLongAgo_AndADateAsUtc()
    {
        Assert.Equal(Now.AddHours(-2), DurationText.ParsePoint("2h", "--since", Now));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), DurationText.ParsePoint("2026-11-20", "--since", Now));
    }

    [Fact]
    public void ParsePoint_WithNonsense_ThrowsAUsageErrorNamingTheFlag()
    {
        var error = Assert.Throws<CliException>(() => DurationText.ParsePoint("yesterday-ish", "--until", Now));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("--until", error.Message, StringComparison.Ordinal);
    }
}

using LlmIngest.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmIngest.Tests.Redaction;

public sealed class RedactionOptionsValidatorTests
{
    [Theory]
    [InlineData("Style", "Pseudonym", "LlmIngest:Redaction:PseudonymKey must be a base64 key of at least 32 bytes")]
    [InlineData("Detectors:Emial", "false", "LlmIngest:Redaction:Detectors:Emial is not a detector")]
    [InlineData("CustomDetectors:0:Pattern", "(unclosed", "LlmIngest:Redaction:CustomDetectors:0:Pattern is not a valid regular expression")]
    [InlineData("CustomDetectors:0:Pattern", "(?<=a)b", "LlmIngest:Redaction:CustomDetectors:0:Pattern uses a construct the linear-time regex engine does not support")]
    [InlineData("AllowPatterns:0", "[a-", "LlmIngest:Redaction:AllowPatterns:0 is not a valid regular expression")]
    public void Start_WithABadRedactionSetting_FailsWithAMessageNamingTheKey(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"LlmIngest:Redaction:{key}"] = value,
                ["LlmIngest:Redaction:CustomDetectors:0:Name"] = key.StartsWith("Custom", StringComparison.Ordinal) ? "x" : null,
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLlmTraceIngest(configuration.GetSection("LlmIngest"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLlmTraceIngest_BuildsTheConfiguredRedactor_AndLetsTheAppReplaceIt()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["LlmIngest:Redaction:Style"] = "Mask" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLlmTraceIngest(configuration.GetSection("LlmIngest"));
        using var provider = services.BuildServiceProvider();

        var redactor = provider.GetRequiredService<IRedactor>();

        Assert.Equal("[CARD ****1111]", redactor.Redact("4111 1111 1111 1111", new RedactionCounts()));

        var replaced = new ServiceCollection().AddLogging().AddSingleton<IRedactor>(new NullRedactor());
        replaced.AddLlmTraceIngest();
        using var replacedProvider = replaced.BuildServiceProvider();
        Assert.IsType<NullRedactor>(replacedProvider.GetRequiredService<IRedactor>());
    }

    private sealed class NullRedactor : IRedactor
    {
        public string Redact(string text, RedactionCounts counts) => text;
    }
}

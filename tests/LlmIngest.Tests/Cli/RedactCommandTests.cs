using LlmIngest.Testing;

namespace LlmIngest.Tests.Cli;

/// <summary><c>llmtrace redact</c>: stdin to stdout, line for line, with the library's redaction configuration.</summary>
public sealed class RedactCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Redact_TheIssuesExample_ReplacesTheEmailAndTheCard_AndSummarisesOnStderr()
    {
        var result = await LlmTraceCli.RunWithInputAsync("mail jane@example.com, card 4111 1111 1111 1111\n", "redact");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("mail [EMAIL], card [CARD]" + Environment.NewLine, result.Stdout);
        Assert.Contains("redacted 2 findings (card=1, email=1)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_KeepsEveryLine_InOrder_ChangingOnlyTheFindings()
    {
        string[] lines =
        [
            "Order 1234567890 shipped on 2026-11-23 (v1.4.2).",
            string.Empty,
            "Call me at +44 20 7946 0958 or (415) 555-0132.",
            "  indented, no PII  ",
            "key sk-proj-FAKEexample0123456789abcdefGHIJ from 10.20.30.40",
        ];

        var result = await LlmTraceCli.RunWithInputAsync(string.Join('\n', lines), "redact", "--quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [
                "Order 1234567890 shipped on 2026-11-23 (v1.4.2).",
                string.Empty,
                "Call me at [PHONE] or [PHONE].",
                "  indented, no PII  ",
                "key [OPENAI_KEY] from [IP]",
            ],
            result.Stdout.Split(Environment.NewLine)[..^1]);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Redact_WithConfig_AppliesItsStyleDetectorsAllowListAndCustomDetectors()
    {
        var config = _folder.Combine("appsettings.json");
        await File.WriteAllTextAsync(config, """
            {
              "LlmIngest": {
                "Redaction": {
                  "Style": "Mask",
                  "Detectors": { "Ipv4": false },
                  "AllowList": [ "support@example.com" ],
                  "CustomDetectors": [ { "Name": "employee_id", "Pattern": "EMP-[0-9]{6}" } ]
                }
              }
            }
            """);

        var result = await LlmTraceCli.RunWithInputAsync(
            "jane@example.com support@example.com 10.1.2.3 EMP-123456 4111 1111 1111 1111",
            "redact",
            "--config",
            config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "[EMAIL ****@example.com] support@example.com 10.1.2.3 [EMPLOYEE_ID] [CARD ****1111]" + Environment.NewLine,
            result.Stdout);
        Assert.Contains("redacted 3 findings (card=1, email=1, employee_id=1)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_WithAnInvalidConfig_ExitsWithTheConfigurationCode_NamingEachProblem_AndPrintsNothing()
    {
        var config = _folder.Combine("bad.json");
        await File.WriteAllTextAsync(config, """
            { "LlmIngest": { "Redaction": { "Detectors": { "Emial": false }, "CustomDetectors": [ { "Name": "x", "Pattern": "(" } ] } } }
            """);

        var result = await LlmTraceCli.RunWithInputAsync("jane@example.com", "redact", "--config", config);

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("Emial", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("CustomDetectors", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_WithAMissingConfigFile_ExitsNotFound()
    {
        var result = await LlmTraceCli.RunWithInputAsync("jane@example.com", "redact", "--config", _folder.Combine("missing.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("not found", result.Stderr, StringComparison.Ordinal);
    }
}

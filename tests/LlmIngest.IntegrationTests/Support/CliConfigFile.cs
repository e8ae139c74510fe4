using System.Text.Json;

namespace LlmIngest.IntegrationTests.Support;

/// <summary>The <c>appsettings.json</c> an <c>llmtrace</c> command reads: the log directory and the test S3 bucket.</summary>
internal static class CliConfigFile
{
    /// <summary>Writes the file at <paramref name="path"/> and returns that path.</summary>
    public static async Task<string> WriteAsync(string path, S3ServerFixture s3, string bucket, string logDirectory)
    {
        await File.WriteAllTextAsync(path, $$"""
            {
              "LlmIngest": {
                "Log": { "Directory": {{JsonSerializer.Serialize(logDirectory)}} },
                "Storage": {
                  "S3": {
                    "Bucket": "{{bucket}}", "ServiceUrl": "{{s3.Endpoint}}", "Region": "{{s3.Region}}",
                    "AccessKey": "{{s3.AccessKey}}", "SecretKey": "{{s3.SecretKey}}"
                  }
                }
              }
            }
            """);
        return path;
    }
}

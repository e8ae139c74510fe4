using LlmIngest.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlmIngest.Cli;

/// <summary>
/// Configuration as the library reads it: an optional appsettings-style JSON file, then <c>LlmIngest__…</c>
/// environment variables, bound from the same <c>LlmIngest</c> section.
/// </summary>
internal static class CliConfiguration
{
    public static IConfigurationSection Load(FileInfo? file)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            builder.AddJsonFile(file.FullName, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        return builder.Build().GetSection(LlmTraceIngestOptions.SectionName);
    }
}

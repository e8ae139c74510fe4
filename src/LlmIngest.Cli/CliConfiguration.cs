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

    /// <summary>The library's options bound from <paramref name="file"/> and the environment, then adjusted by the command's flags.</summary>
    public static LlmTraceIngestOptions LoadOptions(FileInfo? file)
    {
        if (file is { Exists: false })
        {
            throw new CliException(ExitCodes.NotFound, $"config file '{file.FullName}' not found.");
        }

        var options = new LlmTraceIngestOptions();
        try
        {
            Load(file).Bind(options);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException)
        {
            throw new CliException(ExitCodes.InvalidConfiguration, $"cannot read the configuration: {e.Message}");
        }

        return options;
    }
}

using Microsoft.Extensions.Options;

namespace LlmIngest.Hosting;

/// <summary>
/// Fails start when <c>AddLlmTraceIngest</c> was given a configuration that holds an <c>LlmIngest</c> child section
/// (typically the root, <c>builder.Configuration</c>): the options would otherwise bind silently to defaults.
/// </summary>
internal sealed class NestedSectionValidator(string givenPath) : IValidateOptions<LlmTraceIngestOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmTraceIngestOptions options)
    {
        var given = givenPath.Length == 0 ? "the configuration root" : $"section '{givenPath}'";
        var child = givenPath.Length == 0 ? "LlmIngest" : givenPath + ":LlmIngest";
        return ValidateOptionsResult.Fail(
            $"AddLlmTraceIngest was given {given}, which contains an '{child}' section, so LlmIngest would run on defaults. Pass the section itself: services.AddLlmTraceIngest(builder.Configuration.GetSection(\"{child}\")).");
    }
}

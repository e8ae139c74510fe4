using Microsoft.Extensions.Options;

namespace LlmIngest.Hosting;

/// <summary>Switches debug mode on from the <c>LLMINGEST_DEBUG*</c> environment variables, after all other configuration.</summary>
internal sealed class DebugEnvironment(Func<string, string?> getVariable) : IPostConfigureOptions<LlmTraceIngestOptions>
{
    public DebugEnvironment()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    public void PostConfigure(string? name, LlmTraceIngestOptions options)
    {
        var debug = options.Debug;
        var prompts = IsOn(getVariable("LLMINGEST_DEBUG_PROMPTS"));
        var responses = IsOn(getVariable("LLMINGEST_DEBUG_RESPONSES"));
        debug.Prompts |= prompts;
        debug.Responses |= responses;
        debug.Enabled |= prompts || responses || IsOn(getVariable("LLMINGEST_DEBUG"));
    }

    private static bool IsOn(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase)
            || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase));
}

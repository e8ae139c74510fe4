namespace LlmIngest.Tests.Telemetry;

/// <summary>
/// The span tests listen to the library's one static <c>ActivitySource</c>: they run one at a time so a test sees only
/// the spans of its own host (other tests' hosts leave OpenTelemetry off and start none).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OpenTelemetryTests
{
    public const string Name = "OpenTelemetry";
}

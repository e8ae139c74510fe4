namespace LlmIngest.Telemetry;

/// <summary>
/// Predicts, on the caller's thread, where a call's payload will be stored: the URI of its deterministic key when
/// sampling will keep the call and the store has URIs (the built-in stores), else null.
/// </summary>
internal interface IContentReferences
{
    string? PredictUri(LlmTrace trace);
}

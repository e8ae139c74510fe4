using LlmIngest.Sampling;
using LlmIngest.Storage;
using LlmIngest.Telemetry;

namespace LlmIngest.Processing;

/// <summary>
/// Predicts a call's payload URI on the caller's thread, for MEAI's chat span (it ends before the worker stores): the
/// URI of the deterministic key when the store has URIs and the sampling decision (deterministic, the worker's own rule
/// on what is known at the call's end) keeps the call.
/// </summary>
internal sealed class PayloadReferences(IPayloadStore store, TraceSampler sampler, string defaultTenant) : IContentReferences
{
    private readonly IPayloadLocator? _locator = store as IPayloadLocator;

    public string? PredictUri(LlmTrace trace)
    {
        if (_locator is null || trace.TraceId is null || trace.SpanId is null)
        {
            return null;
        }

        var tenant = trace.TenantId ?? defaultTenant;
        if (sampler.Decide(trace, tenant) != SamplingOutcome.Keep)
        {
            return null;
        }

        return _locator.UriOf(store.GetKey(tenant, trace.TraceId, trace.SpanId));
    }
}

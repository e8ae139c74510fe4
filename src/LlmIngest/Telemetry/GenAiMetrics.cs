using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmIngest.Telemetry;

/// <summary>
/// The GenAI client histograms on <see cref="LlmTraceOpenTelemetry.MeterName"/>, recorded on the worker once a call is
/// enriched: <c>gen_ai.client.operation.duration</c> (s) and <c>gen_ai.client.token.usage</c> (by <c>gen_ai.token.type</c>),
/// with the convention's bucket advice.
/// </summary>
internal sealed class GenAiMetrics
{
    // The bucket boundaries the GenAI metric conventions advise.
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly int[] TokenBuckets = [1, 4, 16, 64, 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216, 67_108_864];

    private readonly Histogram<double> _duration;
    private readonly Histogram<int> _tokens;

    public GenAiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(LlmTraceOpenTelemetry.MeterName);
        _duration = meter.CreateHistogram(
            "gen_ai.client.operation.duration",
            "s",
            "GenAI operation duration.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _tokens = meter.CreateHistogram(
            "gen_ai.client.token.usage",
            "{token}",
            "Number of input and output tokens used.",
            tags: null,
            new InstrumentAdvice<int> { HistogramBucketBoundaries = TokenBuckets });
    }

    public void Record(LlmTrace trace)
    {
        if (_duration.Enabled)
        {
            var tags = Tags(trace);
            if (trace.ErrorType is not null || trace.Error is not null)
            {
                tags.Add(GenAiAttributes.ErrorType, trace.ErrorType ?? "_OTHER");
            }

            _duration.Record(trace.LatencyMs / 1000.0, tags);
        }

        if (_tokens.Enabled)
        {
            if (trace.PromptTokens is { } input)
            {
                var tags = Tags(trace);
                tags.Add(GenAiAttributes.TokenType, "input");
                _tokens.Record(input, tags);
            }

            if (trace.CompletionTokens is { } output)
            {
                var tags = Tags(trace);
                tags.Add(GenAiAttributes.TokenType, "output");
                _tokens.Record(output, tags);
            }
        }
    }

    private static TagList Tags(LlmTrace trace)
    {
        var tags = new TagList { { GenAiAttributes.OperationName, GenAiAttributes.Chat } };
        if (trace.Provider is { } provider)
        {
            tags.Add(GenAiAttributes.ProviderName, provider);
        }

        if (trace.Model is { } model)
        {
            tags.Add(GenAiAttributes.RequestModel, model);
        }

        if (trace.ResponseModel is { } responseModel)
        {
            tags.Add(GenAiAttributes.ResponseModel, responseModel);
        }

        return tags;
    }
}

namespace LlmIngest;

/// <summary>What a call that sampling leaves out still keeps.</summary>
public enum SampledOutMode
{
    /// <summary>Its JSONL index line (marked <c>sampled_out:true</c>, with no payload); the payload is not stored.</summary>
    IndexLineOnly = 0,

    /// <summary>Nothing: no line and no payload (only the <c>llmingest.traces.sampled_out</c> counter counts it).</summary>
    Nothing = 1,
}

namespace LlmIngest.Sampling;

/// <summary>What <see cref="TraceSampler"/> decided for one call.</summary>
internal enum SamplingOutcome
{
    /// <summary>Kept: stored in full.</summary>
    Keep = 0,

    /// <summary>Left out by its rate.</summary>
    DropByRate = 1,

    /// <summary>Left out because the upstream trace's sampled flag was cleared.</summary>
    DropByUpstream = 2,
}

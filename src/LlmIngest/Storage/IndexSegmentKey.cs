namespace LlmIngest.Storage;

/// <summary>The partition values of one index segment key (see <see cref="IndexKeys"/>).</summary>
/// <param name="TenantId">The tenant of every line in the segment.</param>
/// <param name="HourUtc">The UTC hour every line's timestamp falls in.</param>
/// <param name="Instance">The instance that wrote the segment.</param>
/// <param name="Sequence">The instance's segment number.</param>
internal readonly record struct IndexSegmentKey(string TenantId, DateTime HourUtc, string Instance, long Sequence);

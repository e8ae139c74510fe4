namespace LlmIngest.Shipping;

/// <summary>What the local log holds that is not shipped yet: whole lines and their bytes.</summary>
internal readonly record struct IndexBacklog(long Lines, long Bytes);

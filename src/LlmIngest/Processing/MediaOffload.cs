using LlmIngest.Storage;

namespace LlmIngest.Processing;

/// <summary>What offloading found in one trace: the objects to store before its payload, and its references' count and bytes.</summary>
internal sealed record MediaOffload(IReadOnlyList<MediaObject> Objects, int Count, long Bytes);

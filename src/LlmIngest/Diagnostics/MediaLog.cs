using Microsoft.Extensions.Logging;

namespace LlmIngest.Diagnostics;

/// <summary>The library's own log messages about media offload (event ids 260-269).</summary>
internal static partial class MediaLog
{
    [LoggerMessage(260, LogLevel.Warning, "LlmIngest could not store media object sha256:{Sha256} ({MediaType}, {Length} bytes) of tenant {TenantId} referenced by payload {PayloadKey}; the payload is stored with the reference.")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string sha256, string mediaType, long length, string tenantId, string payloadKey);

}

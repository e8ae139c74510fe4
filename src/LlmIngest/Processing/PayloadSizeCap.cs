using System.Text.Json;

namespace LlmIngest.Processing;

/// <summary>Keeps a payload within <c>Storage:MaxPayloadBytes</c>: one that is over is cut (<see cref="PayloadTruncator"/>) and serialized again.</summary>
internal static class PayloadSizeCap
{
    public static byte[] Fit(LlmTrace trace, byte[] content, int maxBytes, ref bool truncated)
    {
        // Two passes at most: the first cut is sized to fit; a second covers text that serializes larger than it reads.
        for (var pass = 0; pass < 2 && content.Length > maxBytes; pass++)
        {
            if (!PayloadTruncator.Cut(trace, content.Length - maxBytes))
            {
                break; // nothing long enough to cut: stored as it is
            }

            truncated = true;
            content = JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
        }

        return content;
    }
}

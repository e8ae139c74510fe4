using System.Text;
using LlmIngest.Storage;

namespace LlmIngest.Shipping;

/// <summary>Builds the <see cref="IndexSegmentSummary"/> shipped beside a segment from the segment's lines.</summary>
internal static class IndexSummaryLines
{
    /// <summary>
    /// The summary of the lines; null when one of them does not parse, since a summary must never rule out a line whose
    /// ids it could not read (a segment without a summary is read in full).
    /// </summary>
    public static byte[]? TryBuild(IReadOnlyList<ReadOnlyMemory<byte>> lines)
    {
        var parsed = new List<LlmTraceLogLine>(lines.Count);
        foreach (var line in lines)
        {
            if (!LlmTraceLogReader.TryParse(Encoding.UTF8.GetString(line.Span), out var entry))
            {
                return null;
            }

            parsed.Add(entry);
        }

        return IndexSegmentSummary.Build(parsed);
    }
}

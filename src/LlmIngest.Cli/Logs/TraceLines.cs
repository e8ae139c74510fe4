namespace LlmIngest.Cli.Logs;

/// <summary>The JSONL lines of one trace, found by streaming the logs.</summary>
internal static class TraceLines
{
    public static List<LlmTraceLogLine> Find(IReadOnlyList<FileInfo> files, string traceId, CancellationToken cancellationToken)
    {
        var found = new List<LlmTraceLogLine>();
        foreach (var entry in new LogScanner(files).Read(cancellationToken))
        {
            if (string.Equals(entry.Record.TraceId, traceId, StringComparison.Ordinal))
            {
                found.Add(entry.Record);
            }
        }

        return found;
    }

    /// <summary>The lines of <paramref name="tenantId"/> by span id (a span logged twice keeps its last line).</summary>
    public static Dictionary<string, LlmTraceLogLine> BySpan(IEnumerable<LlmTraceLogLine> lines, string tenantId)
    {
        var bySpan = new Dictionary<string, LlmTraceLogLine>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (string.Equals(line.TenantId, tenantId, StringComparison.Ordinal))
            {
                bySpan[line.SpanId] = line;
            }
        }

        return bySpan;
    }
}

namespace LlmIngest.Storage;

/// <summary>Orders the payloads of a trace as the calls happened: by step, then by timestamp, then by span id.</summary>
internal static class PayloadOrder
{
    public static List<StoredPayload> ByStep(List<StoredPayload> payloads)
    {
        payloads.Sort(static (a, b) =>
        {
            var byStep = a.Trace.Step.CompareTo(b.Trace.Step);
            if (byStep != 0)
            {
                return byStep;
            }

            var byTime = a.Trace.Timestamp.CompareTo(b.Trace.Timestamp);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Trace.SpanId, b.Trace.SpanId);
        });
        return payloads;
    }
}

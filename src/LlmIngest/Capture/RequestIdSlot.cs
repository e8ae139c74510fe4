namespace LlmIngest.Capture;

/// <summary>
/// Where <see cref="LlmTraceRequestIdHandler"/> leaves the provider's request id for the call in progress. The middleware
/// puts a slot in the async flow before calling the inner client; the handler, running in that flow, fills it.
/// </summary>
internal sealed class RequestIdSlot
{
    private static readonly AsyncLocal<RequestIdSlot?> Current = new();
    private static volatile bool s_handlerInstalled;

    /// <summary>The last response's request id (a retried request leaves the final attempt's).</summary>
    public string? Value { get; set; }

    /// <summary>A slot for the call starting now in this flow, or null (no cost) when no handler was ever created.</summary>
    public static RequestIdSlot? Open()
    {
        if (!s_handlerInstalled)
        {
            return null;
        }

        var slot = new RequestIdSlot();
        Current.Value = slot;
        return slot;
    }

    public static void HandlerInstalled() => s_handlerInstalled = true;

    public static RequestIdSlot? InFlow => Current.Value;
}

namespace LlmIngest.Capture;

/// <summary>The failure categories recorded as <c>error_type</c>.</summary>
internal static class ErrorTypes
{
    public const string RateLimit = "rate_limit";
    public const string ContextLength = "context_length";
    public const string Authentication = "authentication";
    public const string ContentFilter = "content_filter";
    public const string Timeout = "timeout";
    public const string ServerError = "server_error";
    public const string Cancelled = "cancelled";
    public const string Unknown = "unknown";
}

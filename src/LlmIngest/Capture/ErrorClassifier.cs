using System.Collections.Concurrent;
using System.Net;
using System.Reflection;

namespace LlmIngest.Capture;

/// <summary>
/// Classifies a failed LLM call from the exception's type, its HTTP status and its message, and suggests fixes.
/// The status is read from <see cref="HttpRequestException.StatusCode"/> or from a public <c>Status</c> /
/// <c>StatusCode</c> property, which covers <c>System.ClientModel.ClientResultException</c> (OpenAI SDK) and
/// <c>Azure.RequestFailedException</c> without depending on either package.
/// </summary>
internal static class ErrorClassifier
{
    private static readonly string[] RateLimitFixes =
    [
        "Retry with exponential backoff and jitter, honouring the Retry-After header.",
        "Lower request concurrency or queue requests on the client side.",
        "Check the account's rate limits, quota and billing; request a higher tier if needed.",
    ];

    private static readonly string[] ContextLengthFixes =
    [
        "Trim or summarize the conversation history before the call.",
        "Send less retrieved context, or split the input into chunks.",
        "Lower max tokens, or use a model with a larger context window.",
    ];

    private static readonly string[] AuthenticationFixes =
    [
        "Check that the API key is set and valid for this endpoint.",
        "Check the key's organization/project and its permissions for this model.",
        "Rotate the key if it was revoked or expired.",
    ];

    private static readonly string[] ContentFilterFixes =
    [
        "Review the prompt and the expected answer against the provider's content policy.",
        "Rephrase the request or tighten the system prompt.",
        "Handle a content-filter refusal gracefully instead of retrying unchanged.",
    ];

    private static readonly string[] TimeoutFixes =
    [
        "Raise the client's network timeout for long generations.",
        "Stream the response so the first tokens arrive sooner.",
        "Reduce max tokens or the prompt size; retry once with backoff.",
    ];

    private static readonly string[] ServerErrorFixes =
    [
        "Retry with exponential backoff: provider 5xx errors are usually transient.",
        "Check the provider's status page.",
        "Fall back to another model, deployment or region.",
    ];

    private static readonly string[] CancelledFixes =
    [
        "The call was cancelled by the caller: check cancellation tokens and request timeouts upstream.",
    ];

    private static readonly string[] UnknownFixes =
    [
        "Inspect the error message and the stored payload of this trace.",
    ];

    private static readonly ConcurrentDictionary<Type, PropertyInfo?> StatusProperties = new();

    public static ErrorDiagnosis Classify(Exception exception)
    {
        var status = StatusOf(exception);
        var category = CategoryOf(exception, status);
        return new ErrorDiagnosis(category, status, SuggestionsFor(category));
    }

    /// <summary>For a trace recorded with an error but no suggestions: the app's error type if it names a category, else the message.</summary>
    public static string[] SuggestionsFor(string? errorType, string? message)
    {
        var category = Normalize(errorType) ?? CategoryOfMessage(message ?? string.Empty) ?? ErrorTypes.Unknown;
        return SuggestionsFor(category);
    }

    public static string[] SuggestionsFor(string category) => category switch
    {
        ErrorTypes.RateLimit => RateLimitFixes,
        ErrorTypes.ContextLength => ContextLengthFixes,
        ErrorTypes.Authentication => AuthenticationFixes,
        ErrorTypes.ContentFilter => ContentFilterFixes,
        ErrorTypes.Timeout => TimeoutFixes,
        ErrorTypes.ServerError => ServerErrorFixes,
        ErrorTypes.Cancelled => CancelledFixes,
        _ => UnknownFixes,
    };

    private static string CategoryOf(Exception exception, int? status)
    {
        // HttpClient reports its own timeout as a TaskCanceledException wrapping a TimeoutException.
        if (exception is TimeoutException || exception.InnerException is TimeoutException)
        {
            return ErrorTypes.Timeout;
        }

        if (exception is OperationCanceledException)
        {
            return ErrorTypes.Cancelled;
        }

        var byMessage = CategoryOfMessage(exception.Message);
        switch (status)
        {
            case 429:
                return ErrorTypes.RateLimit;
            case 401 or 403:
                return ErrorTypes.Authentication;
            case 408 or 504:
                return ErrorTypes.Timeout;
            case >= 500:
                return ErrorTypes.ServerError;
            case 400 or 413 or 422 when byMessage is ErrorTypes.ContextLength or ErrorTypes.ContentFilter:
                return byMessage;
            case >= 400:
                return byMessage ?? ErrorTypes.Unknown;
        }

        return byMessage ?? ErrorTypes.Unknown;
    }

    private static string? CategoryOfMessage(string message)
    {
        if (Has(message, "context_length") || Has(message, "maximum context length") || Has(message, "context window")
            || Has(message, "prompt is too long") || Has(message, "too many tokens"))
        {
            return ErrorTypes.ContextLength;
        }

        if (Has(message, "content_filter") || Has(message, "content management policy") || Has(message, "content policy")
            || Has(message, "safety system"))
        {
            return ErrorTypes.ContentFilter;
        }

        if (Has(message, "rate limit") || Has(message, "rate_limit") || Has(message, "too many requests") || Has(message, "429"))
        {
            return ErrorTypes.RateLimit;
        }

        if (Has(message, "api key") || Has(message, "unauthorized") || Has(message, "authentication") || Has(message, "invalid_api_key"))
        {
            return ErrorTypes.Authentication;
        }

        if (Has(message, "timed out") || Has(message, "timeout"))
        {
            return ErrorTypes.Timeout;
        }

        if (Has(message, "internal server error") || Has(message, "server_error") || Has(message, "service unavailable") || Has(message, "bad gateway"))
        {
            return ErrorTypes.ServerError;
        }

        return null;
    }

    private static string? Normalize(string? errorType) => errorType?.ToUpperInvariant() switch
    {
        null or "" => null,
        "RATE_LIMIT" or "RATE_LIMIT_EXCEEDED" or "RATELIMIT" or "429" => ErrorTypes.RateLimit,
        "CONTEXT_LENGTH" or "CONTEXT_LENGTH_EXCEEDED" => ErrorTypes.ContextLength,
        "AUTHENTICATION" or "AUTHENTICATION_ERROR" or "INVALID_API_KEY" => ErrorTypes.Authentication,
        "CONTENT_FILTER" => ErrorTypes.ContentFilter,
        "TIMEOUT" => ErrorTypes.Timeout,
        "SERVER_ERROR" => ErrorTypes.ServerError,
        "CANCELLED" or "CANCELED" => ErrorTypes.Cancelled,
        _ => null,
    };

    private static bool Has(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);

    private static int? StatusOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { StatusCode: { } code })
            {
                return (int)code;
            }

            var property = StatusProperties.GetOrAdd(e.GetType(), static type =>
                type.GetProperty("Status", BindingFlags.Public | BindingFlags.Instance)
                ?? type.GetProperty("StatusCode", BindingFlags.Public | BindingFlags.Instance));
            var value = property?.GetValue(e);
            switch (value)
            {
                case int status when status > 0:
                    return status;
                case HttpStatusCode statusCode:
                    return (int)statusCode;
            }
        }

        return null;
    }
}

using System.Net;
using LlmIngest.Capture;

namespace LlmIngest.Tests.Capture;

public sealed class ErrorClassifierTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "Too Many Requests", "rate_limit")]
    [InlineData(HttpStatusCode.Unauthorized, "Unauthorized", "authentication")]
    [InlineData(HttpStatusCode.Forbidden, "Forbidden", "authentication")]
    [InlineData(HttpStatusCode.InternalServerError, "oops", "server_error")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "oops", "server_error")]
    [InlineData(HttpStatusCode.GatewayTimeout, "oops", "timeout")]
    [InlineData(HttpStatusCode.BadRequest, "This model's maximum context length is 128000 tokens.", "context_length")]
    [InlineData(HttpStatusCode.BadRequest, "The response was filtered due to the prompt triggering content management policy.", "content_filter")]
    [InlineData(HttpStatusCode.BadRequest, "Invalid value for 'temperature'.", "unknown")]
    public void Classify_UsesTheHttpStatusAndTheMessage(HttpStatusCode status, string message, string expected)
    {
        var diagnosis = ErrorClassifier.Classify(new HttpRequestException(message, null, status));

        Assert.Equal(expected, diagnosis.Category);
        Assert.Equal((int)status, diagnosis.Status);
        Assert.NotEmpty(diagnosis.Suggestions);
    }

    [Fact]
    public void Classify_ReadsAStatusPropertyOfAnSdkException_AndLooksThroughInnerExceptions()
    {
        var diagnosis = ErrorClassifier.Classify(new InvalidOperationException("wrapped", new SdkException(429)));

        Assert.Equal(("rate_limit", 429), (diagnosis.Category, diagnosis.Status));
    }

    [Fact]
    public void Classify_TellsAHttpClientTimeoutFromACallerCancellation()
    {
        Assert.Equal("timeout", ErrorClassifier.Classify(new TaskCanceledException("timed out", new TimeoutException())).Category);
        Assert.Equal("cancelled", ErrorClassifier.Classify(new OperationCanceledException()).Category);
    }

    [Theory]
    [InlineData("Rate limit reached for requests", "rate_limit")]
    [InlineData("Incorrect API key provided", "authentication")]
    [InlineData("The request timed out after 30000 ms.", "timeout")]
    [InlineData("something odd", "unknown")]
    public void Classify_WithoutAStatus_FallsBackToTheMessage(string message, string expected) =>
        Assert.Equal(expected, ErrorClassifier.Classify(new InvalidOperationException(message)).Category);

    [Fact]
    public void SuggestionsFor_ARecordedErrorType_NormalizesCommonNames()
    {
        Assert.Same(ErrorClassifier.SuggestionsFor("context_length"), ErrorClassifier.SuggestionsFor("context_length_exceeded", null));
        Assert.Same(ErrorClassifier.SuggestionsFor("rate_limit"), ErrorClassifier.SuggestionsFor(null, "Error code: 429 - Rate limit reached"));
    }

    private sealed class SdkException(int status) : Exception("service said no")
    {
        public int Status { get; } = status;
    }
}

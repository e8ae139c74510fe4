using System.Net;
using System.Net.Sockets;
using LlmIngest.Storage.S3;

namespace LlmIngest.Tests.Storage;

public sealed class S3ErrorClassifierTests
{
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "SlowDown", true, "throttled")]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequests", true, "throttled")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError", true, "server_error")]
    [InlineData(HttpStatusCode.BadGateway, "BadGateway", true, "server_error")]
    [InlineData(HttpStatusCode.BadRequest, "RequestTimeout", true, "timeout")]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", false, "access_denied")]
    [InlineData(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", false, "access_denied")]
    [InlineData(HttpStatusCode.NotFound, "NoSuchBucket", false, "no_such_bucket")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidArgument", false, "client_error")]
    public void Classify_S3Errors_ByStatusAndCode(HttpStatusCode status, string code, bool transient, string reason) =>
        Assert.Equal((transient ? UploadFailureKind.Transient : UploadFailureKind.Permanent, reason), S3ErrorClassifier.Classify(UploadRetryPolicyTests.S3Error(status, code)));

    [Fact]
    public void Classify_ConnectionFailures_AreTransient()
    {
        Assert.Equal((UploadFailureKind.Transient, "connection"), S3ErrorClassifier.Classify(new HttpRequestException("refused", new SocketException(111))));
        Assert.Equal((UploadFailureKind.Transient, "connection"), S3ErrorClassifier.Classify(new IOException("reset")));
        Assert.Equal((UploadFailureKind.Transient, "timeout"), S3ErrorClassifier.Classify(new TaskCanceledException("timed out")));
        Assert.Equal((UploadFailureKind.Transient, "connection"), S3ErrorClassifier.Classify(new Amazon.Runtime.AmazonClientException("wrapped", new HttpRequestException("refused"))));
    }
}

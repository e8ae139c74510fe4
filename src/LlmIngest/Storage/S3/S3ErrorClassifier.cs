using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace LlmIngest.Storage.S3;

/// <summary>Sorts upload failures into transient (retry) and permanent (report), with a short reason for metrics.</summary>
internal static class S3ErrorClassifier
{
    public static (UploadFailureKind Kind, string Reason) Classify(Exception exception)
    {
        switch (exception)
        {
            case PayloadConflictException:
                return (UploadFailureKind.Permanent, "duplicate_ids");
            case AmazonS3Exception s3:
                return ClassifyStatus(s3.StatusCode, s3.ErrorCode, exception);
            case AmazonServiceException service when service.StatusCode != 0:
                return ClassifyStatus(service.StatusCode, service.ErrorCode, exception);
            case TimeoutException or TaskCanceledException:
                return (UploadFailureKind.Transient, "timeout");
            case HttpRequestException or SocketException or IOException:
                return (UploadFailureKind.Transient, "connection");
            case AmazonClientException when exception.InnerException is { } inner:
                return Classify(inner);
            default:
                return exception.InnerException is { } cause ? Classify(cause) : (UploadFailureKind.Transient, "unknown");
        }
    }

    private static (UploadFailureKind Kind, string Reason) ClassifyStatus(HttpStatusCode status, string? errorCode, Exception exception)
    {
        var code = (int)status;
        if (status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.TooManyRequests || errorCode is "SlowDown" or "Throttling")
        {
            return (UploadFailureKind.Transient, "throttled");
        }

        // Two conditional writes of one key at once (AWS): the loser retries and then sees the winner's object.
        if (errorCode == "ConditionalRequestConflict")
        {
            return (UploadFailureKind.Transient, "conflict");
        }

        if (code >= 500)
        {
            return (UploadFailureKind.Transient, "server_error");
        }

        if (status == HttpStatusCode.RequestTimeout || errorCode is "RequestTimeout" or "RequestTimeTooSkewed")
        {
            return (UploadFailureKind.Transient, "timeout");
        }

        if (code == 0)
        {
            return exception.InnerException is { } inner ? Classify(inner) : (UploadFailureKind.Transient, "connection");
        }

        return errorCode switch
        {
            "NoSuchBucket" => (UploadFailureKind.Permanent, "no_such_bucket"),
            "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AllAccessDisabled" => (UploadFailureKind.Permanent, "access_denied"),
            _ when status == HttpStatusCode.Forbidden => (UploadFailureKind.Permanent, "access_denied"),
            _ when status == HttpStatusCode.NotFound => (UploadFailureKind.Permanent, "no_such_bucket"),
            _ => (UploadFailureKind.Permanent, "client_error"),
        };
    }
}

namespace LlmIngest.IntegrationTests.Support;

/// <summary>What <see cref="FaultInjectingHandler"/> does to S3 requests.</summary>
public enum S3Fault
{
    /// <summary>Requests pass through to the real server.</summary>
    None,

    /// <summary>503 with an S3 <c>SlowDown</c> error body, without reaching the server.</summary>
    SlowDown,

    /// <summary>500 with an S3 <c>InternalError</c> body, without reaching the server.</summary>
    InternalError,

    /// <summary>The connection is reset before a response arrives.</summary>
    ConnectionReset,

    /// <summary>The request waits <see cref="FaultInjectingHandler.Delay"/> before it goes on (slower than the client's timeout).</summary>
    SlowResponse,

    /// <summary>403 AccessDenied, as when the credentials are revoked.</summary>
    AccessDenied,
}

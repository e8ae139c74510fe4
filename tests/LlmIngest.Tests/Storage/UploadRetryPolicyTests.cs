using System.Net;
using Amazon.S3;
using LlmIngest.Storage.S3;
using Microsoft.Extensions.Time.Testing;

namespace LlmIngest.Tests.Storage;

public sealed class UploadRetryPolicyTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Execute_RetriesTransientFailuresWithBackoff_ThenSucceeds()
    {
        var policy = new UploadRetryPolicy(4, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), _time);
        var attempts = 0;
        var retries = new List<string>();

        var run = policy.ExecuteAsync(
            _ => ++attempts < 3 ? throw S3Error(HttpStatusCode.ServiceUnavailable, "SlowDown") : Task.CompletedTask,
            retries.Add,
            CancellationToken.None);

        // Each retry waits on the fake clock: advance until the run completes, without sleeping.
        while (!run.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        await run;
        Assert.Equal(3, attempts);
        Assert.Equal(["throttled", "throttled"], retries);
    }

    [Fact]
    public async Task Execute_GivesUpAfterMaxAttempts_AndRethrowsTheLastFailure()
    {
        var policy = new UploadRetryPolicy(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), _time);
        var attempts = 0;

        var run = policy.ExecuteAsync(_ => { attempts++; throw new HttpRequestException("connection refused"); }, _ => { }, CancellationToken.None);
        while (!run.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => run);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Execute_DoesNotRetryAPermanentFailure()
    {
        var policy = new UploadRetryPolicy(5, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), _time);
        var attempts = 0;

        await Assert.ThrowsAsync<AmazonS3Exception>(() => policy.ExecuteAsync(
            _ => { attempts++; throw S3Error(HttpStatusCode.Forbidden, "AccessDenied"); },
            _ => { },
            CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData(1, 200)]
    [InlineData(2, 400)]
    [InlineData(3, 800)]
    [InlineData(10, 5000)]
    public void DelayBefore_IsAJitteredExponentialCappedAtTheMaximum(int retry, int ceilingMs)
    {
        var policy = new UploadRetryPolicy(4, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), _time);

        var delays = Enumerable.Range(0, 200).Select(_ => policy.DelayBefore(retry).TotalMilliseconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, 0, ceilingMs));
        Assert.True(delays.Distinct().Count() > 100, "full jitter spreads the delays");
    }

    internal static AmazonS3Exception S3Error(HttpStatusCode status, string code) =>
        new($"{code} from test", Amazon.Runtime.ErrorType.Sender, code, "req-1", status);
}

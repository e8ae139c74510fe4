using System.Security.Cryptography;
using System.Text.Json;
using LlmIngest.Capture;
using LlmIngest.IntegrationTests.Support;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;

namespace LlmIngest.IntegrationTests.Storage;

/// <summary><see cref="S3PayloadStore"/> against the real S3 server, without the host around it.</summary>
[Collection(S3CollectionDefinition.Name)]
public sealed class S3PayloadStoreIntegrationTests(S3ServerFixture s3) : IAsyncLifetime, IDisposable
{
    private const string Tenant = "acme";

    private readonly CancellationTokenSource _budget = new(TimeSpan.FromSeconds(60));
    private TestBucket? _bucket;

    private TestBucket Bucket => _bucket!;

    private CancellationToken Token => _budget.Token;

    public async Task InitializeAsync() => _bucket = await s3.CreateBucketAsync("store");

    public async Task DisposeAsync()
    {
        if (_bucket is not null)
        {
            await _bucket.DisposeAsync();
        }
    }

    public void Dispose() => _budget.Dispose();

    [Fact]
    public async Task S3PayloadStore_ReadOfAnUnknownTraceOrSpan_ReturnsEmptyOrNull()
    {
        using var store = NewStore();
        var traceId = TraceIdentifiers.NewTraceId();
        var known = Payload(store, traceId, TraceIdentifiers.NewSpanId(), step: 0);
        await store.WriteAsync(known, Token);

        Assert.Empty(await store.ReadTraceAsync(Tenant, TraceIdentifiers.NewTraceId(), Token));
        Assert.Empty(await store.ReadTraceAsync("other-tenant", traceId, Token));
        Assert.Null(await store.ReadAsync(Tenant, TraceIdentifiers.NewTraceId(), TraceIdentifiers.NewSpanId(), Token));
        Assert.Null(await store.ReadAsync(Tenant, traceId, TraceIdentifiers.NewSpanId(), Token));

        // The same calls do find what exists.
        Assert.Equal(known.Sha256, (await store.ReadAsync(Tenant, traceId, known.SpanId, Token))?.Sha256);
        Assert.Single(await store.ReadTraceAsync(Tenant, traceId, Token));
    }

    [Fact]
    public async Task S3PayloadStore_ReadTrace_Of30SpansWrittenInRandomOrder_FollowsEveryListPageAndReturnsThemInStepOrder()
    {
        var paging = PagingS3Client.Wrap(s3.Client, pageSize: 7);
        using var store = NewStore(paging.Client);
        var traceId = TraceIdentifiers.NewTraceId();

        // Random span ids: key order says nothing about step order.
        var payloads = Enumerable.Range(0, 30).Select(step => Payload(store, traceId, TraceIdentifiers.NewSpanId(), step)).ToList();
        var shuffled = payloads.ToArray();
        Random.Shared.Shuffle(shuffled);
        await Parallel.ForEachAsync(shuffled, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Token }, (p, ct) => new ValueTask(store.WriteAsync(p, ct)));

        var listCallsBefore = paging.ListCalls;
        var read = await store.ReadTraceAsync(Tenant, traceId, Token);

        Assert.Equal(5, paging.ListCalls - listCallsBefore); // 7 + 7 + 7 + 7 + 2
        Assert.Equal(30, read.Count);
        for (var step = 0; step < read.Count; step++)
        {
            Assert.Equal(step, read[step].Trace.Step);
            Assert.Equal(payloads[step].Key, read[step].Key);
            Assert.Equal(payloads[step].Sha256, read[step].Sha256);
            Assert.True(payloads[step].Content.Span.SequenceEqual(read[step].Content.Span), $"step {step} did not come back byte for byte");
        }
    }

    [Fact]
    public async Task S3PayloadStore_ReadTrace_ReturnsOnlyThatTrace_NotOneWhoseIdMerelyStartsTheSame()
    {
        using var store = NewStore();
        var traceId = "order-1";
        await store.WriteAsync(Payload(store, traceId, "span-a", step: 0), Token);
        await store.WriteAsync(Payload(store, traceId + "0", "span-b", step: 0), Token);
        await store.WriteAsync(Payload(store, traceId + ".retry", "span-c", step: 0), Token);

        var read = await store.ReadTraceAsync(Tenant, traceId, Token);

        Assert.Equal("span-a", Assert.Single(read).Trace.SpanId);
    }

    [Fact]
    public async Task S3PayloadStore_Write_OfTheSameIdsWithOtherContent_IsRefusedByTheConditionalPut_AndKeepsTheFirstPayload()
    {
        using var store = NewStore();
        var traceId = TraceIdentifiers.NewTraceId();
        var spanId = TraceIdentifiers.NewSpanId();
        var first = Payload(store, traceId, spanId, step: 0, response: "first");
        await store.WriteAsync(first, Token);

        var conflict = await Assert.ThrowsAsync<PayloadConflictException>(() => store.WriteAsync(Payload(store, traceId, spanId, step: 0, response: "second — révisé"), Token));

        Assert.Equal(first.Key, conflict.Key);
        var read = Assert.Single(await store.ReadTraceAsync(Tenant, traceId, Token));
        Assert.Equal(first.Sha256, read.Sha256);
        Assert.False(store.InOutage);
        Assert.Equal(0, store.Spool.Count);
    }

    [Fact]
    public async Task S3PayloadStore_Write_OfTheSameContentAgain_Succeeds_AsARetryMust()
    {
        using var store = NewStore();
        var payload = Payload(store, TraceIdentifiers.NewTraceId(), TraceIdentifiers.NewSpanId(), step: 0);
        await store.WriteAsync(payload, Token);
        await store.WriteAsync(payload, Token);

        Assert.Equal([payload.Key], await Bucket.ListPayloadKeysAsync());
    }

    [Fact]
    public async Task S3PayloadStore_ConcurrentWritersOfOneKeyWithDifferentContent_ExactlyOneWins_AndTheObjectIsTheWinners()
    {
        using var store = NewStore();
        var traceId = TraceIdentifiers.NewTraceId();
        var payloads = Enumerable.Range(0, 12).Select(i => Payload(store, traceId, "race", step: 0, response: "writer " + i)).ToArray();

        var winners = await Task.WhenAll(payloads.Select(async p =>
        {
            try
            {
                await store.WriteAsync(p, Token);
                return p;
            }
            catch (PayloadConflictException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(winners, w => w is not null);
        var read = Assert.Single(await store.ReadTraceAsync(Tenant, traceId, Token));
        Assert.Equal(winner!.Sha256, read.Sha256);
        Assert.True(read.IsIntact);
    }

    [Fact]
    public async Task S3PayloadStore_Replay_OfASpooledPayloadWhoseKeyWasTakenMeanwhile_StoresItNextToItUnderItsContentKey_AndOfTheSameBytesIsIdempotent()
    {
        using var store = NewStore();
        var traceId = TraceIdentifiers.NewTraceId();
        var spooled = Payload(store, traceId, "s1", step: 0, response: "spooled during an outage");
        var direct = Payload(store, traceId, "s1", step: 0, response: "written directly");
        var retried = Payload(store, traceId, "s2", step: 1, response: "retried");
        Assert.True(await store.Spool.TryEnqueueAsync(store.Prepare(spooled), Token));
        Assert.True(await store.Spool.TryEnqueueAsync(store.Prepare(retried), Token));
        await store.WriteAsync(direct, Token);
        await store.WriteAsync(retried, Token);

        await store.ReplayAsync(Token);

        Assert.Equal(0, store.Spool.Count);
        var read = await store.ReadTraceAsync(Tenant, traceId, Token);
        Assert.Equal(3, read.Count);
        Assert.Equal(direct.Sha256, read.Single(p => p.Key == direct.Key).Sha256);
        Assert.Equal(spooled.Sha256, read.Single(p => p.Key == PayloadKeys.ForDuplicate(spooled.Key, spooled.Sha256)).Sha256);
        Assert.Equal(retried.Sha256, read.Single(p => p.Key == retried.Key).Sha256);
        Assert.All(read, p => Assert.True(p.IsIntact));
    }

    [Fact]
    public async Task S3PayloadStore_Write_PutsIdsStepAndSha256InUserMetadata_AndEscapesNonAsciiSessionIds()
    {
        using var store = NewStore();
        var payload = Payload(store, TraceIdentifiers.NewTraceId(), TraceIdentifiers.NewSpanId(), step: 3, sessionId: "séance 7/日本");
        await store.WriteAsync(payload, Token);

        var head = await s3.Client.GetObjectMetadataAsync(Bucket.Name, payload.Key, Token);

        Assert.Equal(payload.Sha256, head.Metadata["sha256"]);
        Assert.Equal(payload.TraceId, head.Metadata["trace-id"]);
        Assert.Equal(payload.SpanId, head.Metadata["span-id"]);
        Assert.Equal(Tenant, head.Metadata["tenant-id"]);
        Assert.Equal("3", head.Metadata["step"]);
        Assert.Equal("séance 7/日本", Uri.UnescapeDataString(head.Metadata["session-id"]));
        Assert.Equal("gzip", head.Headers.ContentEncoding);
    }

    private S3PayloadStore NewStore(Amazon.S3.IAmazonS3? client = null) =>
        S3StoreFactory.Create(
            client ?? s3.Client,
            new StorageOptions { S3 = new S3StorageOptions { Bucket = Bucket.Name, ServiceUrl = s3.Endpoint } },
            Path.Combine(Path.GetTempPath(), "llmingest-spool-" + Guid.NewGuid().ToString("N")));

    private static PayloadObject Payload(S3PayloadStore store, string traceId, string spanId, int step, string response = "Paris.", string? sessionId = "sess-1")
    {
        var trace = new LlmTrace
        {
            TraceId = traceId,
            SpanId = spanId,
            Step = step,
            TenantId = Tenant,
            SessionId = sessionId,
            Timestamp = DateTimeOffset.UnixEpoch.AddDays(20_000).AddSeconds(step),
            Model = "gpt-4o-mini",
            Messages = [new LlmMessage("user", $"Step {step}: what is the capital of France?")],
            Response = response,
        };
        var content = JsonSerializer.SerializeToUtf8Bytes(trace, LlmIngestJsonContext.Relaxed.LlmTrace);
        return new PayloadObject
        {
            Key = store.GetKey(Tenant, traceId, spanId),
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            TenantId = Tenant,
            TraceId = traceId,
            SpanId = spanId,
            Step = step,
            SessionId = sessionId,
            Model = trace.Model,
        };
    }
}

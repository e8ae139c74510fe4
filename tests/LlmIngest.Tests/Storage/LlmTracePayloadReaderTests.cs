using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LlmIngest.Storage;
using Microsoft.Extensions.Options;

namespace LlmIngest.Tests.Storage;

public sealed class LlmTracePayloadReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reader_OfALocalFolder_ListsAndReadsWhatTheStoreWrote_InStepOrder()
    {
        var store = new LocalFolderPayloadStore(new LocalStorageOptions { Directory = _folder.Path });
        foreach (var (span, step) in new[] { ("Span-B", 1), ("span-a", 0) })
        {
            await store.WriteAsync(Payload("acme", "trace1", span, step), CancellationToken.None);
        }

        using var reader = new LlmTracePayloadReader(new StorageOptions { Kind = PayloadStoreKind.Local, Local = { Directory = _folder.Path } });

        Assert.Equal(PayloadStoreKind.Local, reader.Kind);
        Assert.False(reader.RecordsSha256);
        Assert.Equal(["Span-B", "span-a"], (await reader.ListSpanIdsAsync("acme", "trace1")).Order(StringComparer.Ordinal));
        Assert.Equal([0, 1], (await reader.ReadTraceAsync("acme", "trace1")).Select(p => p.Trace.Step));
        Assert.Equal("Span-B", (await reader.ReadAsync("acme", "trace1", "Span-B"))?.Trace.SpanId);
        Assert.Empty(await reader.ListSpanIdsAsync("acme", "unknown"));
    }

    [Fact]
    public void Reader_RunsTheStorageValidator_NamingTheKey()
    {
        var options = new StorageOptions { Kind = PayloadStoreKind.S3, S3 = { Bucket = "b", AccessKey = "only-the-key" } };

        var error = Assert.Throws<OptionsValidationException>(() => new LlmTracePayloadReader(options));

        Assert.Contains(error.Failures, f => f.Contains("LlmIngest:Storage:S3:AccessKey and LlmIngest:Storage:S3:SecretKey must be set together", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reader_OfALocalFolder_RefusesBucketOperations()
    {
        using var reader = new LlmTracePayloadReader(new StorageOptions { Kind = PayloadStoreKind.Local, Local = { Directory = _folder.Path } });

        await Assert.ThrowsAsync<NotSupportedException>(() => reader.CompareRetentionRulesAsync());
        await Assert.ThrowsAsync<NotSupportedException>(() => reader.CreateDownloadUrlsAsync("acme", "trace1", DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    private static PayloadObject Payload(string tenant, string trace, string span, int step)
    {
        var content = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(
            new LlmTrace { TraceId = trace, SpanId = span, TenantId = tenant, Step = step, Response = "héllo" },
            LlmIngestJsonContext.Relaxed.LlmTrace));
        return new PayloadObject
        {
            Key = PayloadKeys.ForPayload(string.Empty, tenant, trace, span),
            Content = content,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            TenantId = tenant,
            TraceId = trace,
            SpanId = span,
            Step = step,
        };
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LlmIngest.Redaction;

namespace LlmIngest.Benchmarks.Hosting;

/// <summary>
/// The worker's stages one by one on one 8 KB trace, to see where <see cref="WorkerThroughputBenchmarks"/> spends its
/// time: the benchmark's own copy of the trace, redaction (copy included), serialization, SHA-256 and gzip (Fastest,
/// as <c>S3PayloadStore</c> compresses).
/// </summary>
[MemoryDiagnoser]
public class WorkerStageBenchmarks
{
    private LlmTrace _trace = null!;
    private byte[] _json = null!;
    private readonly TraceRedactor _redactor = new(new PatternRedactor());

    [GlobalSetup]
    public void Setup()
    {
        _trace = SampleTraces.OfSize(8192, 7);
        _json = JsonSerializer.SerializeToUtf8Bytes(_trace, LlmIngestJsonContext.Relaxed.LlmTrace);
    }

    [Benchmark]
    public LlmTrace Fresh() => SampleTraces.Fresh(_trace);

    [Benchmark]
    public RedactionCounts Redact()
    {
        var counts = new RedactionCounts();
        _redactor.Redact(SampleTraces.Fresh(_trace), counts);
        return counts;
    }

    [Benchmark]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(_trace, LlmIngestJsonContext.Relaxed.LlmTrace);

    [Benchmark]
    public byte[] Sha() => SHA256.HashData(_json);

    [Benchmark]
    public byte[] Gzip()
    {
        using var output = new MemoryStream((_json.Length / 4) + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(_json);
        }

        return output.ToArray();
    }
}

using BenchmarkDotNet.Attributes;
using LlmIngest.Redaction;

namespace LlmIngest.Benchmarks;

/// <summary>Redaction throughput over ~1 MB of prompt text with sparse PII, per detector set. MB/s = corpus size / mean.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class RedactionBenchmarks
{
    private IReadOnlyList<string> _messages = [];
    private PatternRedactor _redactor = null!;

    [Params("All", "PiiOnly", "SecretsOnly")]
    public string Detectors { get; set; } = "All";

    [GlobalSetup]
    public void Setup()
    {
        _messages = PromptCorpus.Create(ThroughputConfig.CorpusChars);
        var category = Detectors switch
        {
            "PiiOnly" => DetectorCategory.Pii,
            "SecretsOnly" => DetectorCategory.Secret,
            _ => DetectorCategory.Pii | DetectorCategory.Secret,
        };
        _redactor = new PatternRedactor(DetectorCatalog.Create(category));
    }

    [Benchmark]
    public int Redact_1MB_OfPromptText()
    {
        var findings = 0;
        for (var i = 0; i < _messages.Count; i++)
        {
            var counts = new RedactionCounts();
            _redactor.Redact(_messages[i], counts);
            findings += counts.Total;
        }

        return findings;
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LlmIngest.Benchmarks;

/// <summary>Adds an MB/s column: the corpus size (1 MiB of mostly ASCII text) divided by the mean time of one operation.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public const int CorpusChars = 1 << 20;

    public ThroughputConfig() => AddColumn(new MegabytesPerSecondColumn());

    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => "MBps";

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Throughput: corpus megabytes (2^20 characters) per second of one operation's mean";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } statistics)
            {
                return "-";
            }

            var seconds = statistics.Mean / 1e9;
            return (CorpusChars / (1024.0 * 1024.0) / seconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}

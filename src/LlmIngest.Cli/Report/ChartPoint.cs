namespace LlmIngest.Cli.Report;

/// <summary>One bar or point of a chart: its axis label, value and hover text.</summary>
internal readonly record struct ChartPoint(string Label, double Value, string Tooltip);

namespace LlmIngest.Cli.Analysis;

/// <summary>How <c>stats --by</c> groups calls.</summary>
internal enum StatsGrouping
{
    Model,
    Day,
    Function,
}

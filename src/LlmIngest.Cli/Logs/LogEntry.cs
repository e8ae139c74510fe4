namespace LlmIngest.Cli.Logs;

/// <summary>One JSONL line: its text exactly as written and the record it holds.</summary>
internal readonly record struct LogEntry(string Line, LlmTraceLogLine Record);

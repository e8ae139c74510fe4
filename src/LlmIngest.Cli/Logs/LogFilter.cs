using System.Text.RegularExpressions;

namespace LlmIngest.Cli.Logs;

/// <summary>The conditions of <c>llmtrace find</c>; a line matches when it meets every one that is set.</summary>
internal sealed class LogFilter
{
    private Regex? _model;

    public string? SessionId { get; init; }

    /// <summary>The keyed pseudonym of <see cref="SessionId"/>: how a session id holding PII is logged.</summary>
    public string? SessionPseudonym { get; init; }

    public string? UserId { get; init; }

    /// <summary>The keyed pseudonym of <see cref="UserId"/>: how a user id holding PII is logged.</summary>
    public string? UserPseudonym { get; init; }

    public string? TraceId { get; init; }

    public string? TenantId { get; init; }

    public string? FunctionName { get; init; }

    /// <summary>A model name, matched against the requested and the answering model; <c>*</c> is a wildcard.</summary>
    public string? Model
    {
        get;
        init
        {
            field = value;
            _model = value is null ? null : new Regex("^" + Regex.Escape(value).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Only failed calls.</summary>
    public bool ErrorsOnly { get; init; }

    /// <summary>Only failed calls of this <c>error_type</c>.</summary>
    public string? ErrorType { get; init; }

    public double? MinLatencyMs { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Tags a call must all carry.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>
    /// Only operations' own lines (agent runs: <c>operation:"agent"</c>), not model calls. When false, operations' lines
    /// never match: they sum calls that have lines of their own.
    /// </summary>
    public bool OperationsOnly { get; init; }

    public bool Matches(LlmTraceLogLine r)
    {
        if ((SessionId is not null && !IsIdentifier(r.SessionId, SessionId, SessionPseudonym))
            || (UserId is not null && !IsIdentifier(r.UserId, UserId, UserPseudonym))
            || (TraceId is not null && !string.Equals(r.TraceId, TraceId, StringComparison.Ordinal))
            || (TenantId is not null && !string.Equals(r.TenantId, TenantId, StringComparison.Ordinal))
            || (FunctionName is not null && !string.Equals(r.FunctionName, FunctionName, StringComparison.Ordinal))
            || (MinLatencyMs is { } min && r.LatencyMs < min)
            || (Since is { } since && r.Timestamp < since)
            || (Until is { } until && r.Timestamp >= until)
            || OperationsOnly != r.IsOperation)
        {
            return false;
        }

        if (_model is not null && !((r.Model is not null && _model.IsMatch(r.Model)) || (r.ResponseModel is not null && _model.IsMatch(r.ResponseModel))))
        {
            return false;
        }

        var failed = r.ErrorType is not null || r.Error is not null;
        if ((ErrorsOnly || ErrorType is not null) && !failed)
        {
            return false;
        }

        if (ErrorType is not null && !string.Equals(r.ErrorType ?? "unknown", ErrorType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var tag in Tags)
        {
            if (r.Tags is null || !r.Tags.Contains(tag))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifier(string? logged, string raw, string? pseudonym) =>
        string.Equals(logged, raw, StringComparison.Ordinal) || (pseudonym is not null && string.Equals(logged, pseudonym, StringComparison.Ordinal));
}

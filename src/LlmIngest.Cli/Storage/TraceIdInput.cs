using System.Globalization;
using LlmIngest.Cli.Output;

namespace LlmIngest.Cli.Storage;

/// <summary>
/// The trace id as typed on the command line, read the way an OpenTelemetry user copies it: a W3C trace id (32 hex
/// digits, any case, stored lowercase so it is lowercased), a whole <c>traceparent</c> value
/// (<c>00-{trace id}-{parent id}-{flags}</c>, optionally after a <c>traceparent:</c> header name), with surrounding
/// whitespace; or an id the application supplied itself, taken unchanged.
/// </summary>
/// <remarks>
/// The parent id of a <c>traceparent</c> is kept in <see cref="ParentId"/> but never becomes a span filter: the
/// library's span ids have the same shape (16 lowercase hex, <c>TraceIdentifiers.NewSpanId</c>), yet a header names the
/// caller's span, the parent of the calls a service recorded, so filtering on it would almost always find nothing.
/// A value shaped like a <c>traceparent</c> (two hex digits, then three or more dash-separated fields, all hex or a
/// 32- and 16-character second and third) is validated as one and
/// refused when malformed, even though such a string could in theory be a custom id.
/// </remarks>
internal sealed record TraceIdInput(string TraceId, string? ParentId, string? AsTyped)
{
    private const string HeaderName = "traceparent";
    private const int TraceIdLength = 32;
    private const int ParentIdLength = 16;

    /// <summary>
    /// Parses <paramref name="text"/>; throws a <see cref="CliException"/> with <see cref="ExitCodes.Usage"/> and one
    /// line saying what is accepted when it is none of the accepted forms, or an all-zero W3C id.
    /// </summary>
    /// <remarks>
    /// <see cref="AsTyped"/> is set when a bare 32-hex id had capitals: ids differing in case are distinct to the
    /// library, so an application that supplied its own id in capitals is still found by trying it as typed.
    /// </remarks>
    public static TraceIdInput Parse(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        var header = value.StartsWith(HeaderName, StringComparison.OrdinalIgnoreCase)
            && value.AsSpan(HeaderName.Length).TrimStart().StartsWith(":", StringComparison.Ordinal);
        if (header)
        {
            value = value[HeaderName.Length..].TrimStart()[1..].Trim();
        }

        if (header || LooksLikeTraceParent(value))
        {
            return ParseTraceParent(value, text);
        }

        if (IsHex(value, TraceIdLength))
        {
            var lower = value.ToLowerInvariant();
            return IsAllZero(lower)
                ? throw Invalid(text, "an all-zero trace id is invalid")
                : new TraceIdInput(lower, null, lower == value ? null : value);
        }

        return LlmTracePayloadReader.IsValidId(value)
            ? new TraceIdInput(value, null, null)
            : throw Invalid(text, null);
    }

    private static TraceIdInput ParseTraceParent(string value, string? text)
    {
        // version-traceid-parentid-flags; a later version may append fields after the flags, version ff is invalid.
        var parts = value.Split('-');
        if (parts.Length < 4 || !IsHex(parts[0], 2) || !IsHex(parts[1], TraceIdLength) || !IsHex(parts[2], ParentIdLength) || !IsHex(parts[3], 2))
        {
            throw Invalid(text, "a traceparent is 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>");
        }

        var version = parts[0].ToLowerInvariant();
        if (version == "ff" || (version == "00" && parts.Length != 4))
        {
            throw Invalid(text, version == "ff" ? "traceparent version ff is invalid" : "a version 00 traceparent has exactly four fields");
        }

        var traceId = parts[1].ToLowerInvariant();
        var parentId = parts[2].ToLowerInvariant();
        if (IsAllZero(traceId) || IsAllZero(parentId))
        {
            throw Invalid(text, IsAllZero(traceId) ? "an all-zero trace id is invalid" : "an all-zero parent id is invalid");
        }

        return new TraceIdInput(traceId, parentId, null);
    }

    private static bool LooksLikeTraceParent(string value)
    {
        // Two hex digits, then three or more dash-separated fields that are all hex or sized like a trace and parent id.
        var parts = value.Split('-');
        return parts.Length >= 4 && IsHex(parts[0], 2)
            && (parts.All(p => p.Length > 0 && IsHex(p, p.Length)) || parts[1].Length == TraceIdLength || parts[2].Length == ParentIdLength);
    }

    private static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigit);

    private static bool IsAllZero(string value) => value.All(c => c == '0');

    private static CliException Invalid(string? text, string? why)
    {
        var shown = TerminalText.Safe(text ?? string.Empty);
        if (shown.Length > 80)
        {
            shown = string.Concat(shown.AsSpan(0, 80), "…");
        }

        var reason = why is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({why})");
        return new CliException(
            ExitCodes.Usage,
            $"'{shown}' is not a trace id{reason}: give 32 hex digits, a traceparent 00-<trace id>-<parent id>-<flags> (optionally after 'traceparent:'), or an id of 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit.");
    }
}

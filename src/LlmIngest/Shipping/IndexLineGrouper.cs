using System.Globalization;
using System.Text.Json;
using LlmIngest.Capture;

namespace LlmIngest.Shipping;

/// <summary>
/// Splits the whole lines of a cut into one group per tenant and UTC hour, in order of first appearance: the tenant
/// from the line's <c>tenant_id</c> (the default tenant when it has none or an invalid one), the hour from its
/// <c>timestamp</c> (the previous line's, or the fallback, when it has none). Deterministic: the same bytes
/// always give the same groups, which is what lets a resumed cut reuse its recorded keys.
/// </summary>
internal static class IndexLineGrouper
{
    public static List<LineGroup> Group(ReadOnlyMemory<byte> lines, string defaultTenant, DateTimeOffset fallback)
    {
        var groups = new List<LineGroup>();
        var byKey = new Dictionary<(string, DateTime), LineGroup>();
        var last = fallback;
        var rest = lines;
        while (rest.Length > 0)
        {
            var newline = rest.Span.IndexOf((byte)'\n');
            var length = newline < 0 ? rest.Length : newline + 1;
            var line = rest[..length];
            rest = rest[length..];

            var (tenant, timestamp) = Read(line.Span);
            if (tenant is null || !TraceIdentifiers.IsValid(tenant, 64))
            {
                tenant = defaultTenant;
            }

            last = timestamp ?? last;
            var utc = last.UtcDateTime;
            var hour = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
            if (!byKey.TryGetValue((tenant, hour), out var group))
            {
                group = new LineGroup(tenant, hour);
                byKey.Add((tenant, hour), group);
                groups.Add(group);
            }

            group.Add(line, last);
        }

        return groups;
    }

    /// <summary>The top-level <c>tenant_id</c> and <c>timestamp</c> of one line; nulls for what is missing or unreadable.</summary>
    internal static (string? Tenant, DateTimeOffset? Timestamp) Read(ReadOnlySpan<byte> line)
    {
        string? tenant = null;
        DateTimeOffset? timestamp = null;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = false });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("tenant_id"u8))
                {
                    reader.Read();
                    tenant = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String
                        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                    {
                        timestamp = parsed;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }

                if (tenant is not null && timestamp is not null)
                {
                    break;
                }
            }
        }
        catch (JsonException)
        {
            // A malformed line still ships (the index is the log, byte for byte); it is filed under what was read.
        }

        return (tenant, timestamp);
    }
}

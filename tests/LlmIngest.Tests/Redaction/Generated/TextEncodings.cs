using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>Spells a value the way a <see cref="TextEncoding"/> does.</summary>
internal static class TextEncodings
{
    // The default System.Text.Json encoder escapes '+', '<', '&' and every non-ASCII character (\u002B49 ...), as .NET
    // tool results and agent payloads do.
    private static readonly JsonSerializerOptions Escaping = new() { Encoder = JavaScriptEncoder.Default };

    private static readonly string[] AtEntities = ["&#64;", "&#x40;", "&commat;", "@"];

    public static string Encode(TextEncoding encoding, string value) => encoding switch
    {
        TextEncoding.Json => JsonSerializer.Serialize(value, Escaping)[1..^1],
        TextEncoding.Url => Uri.EscapeDataString(value),
        TextEncoding.Html => value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("@", AtEntities[value.Length % AtEntities.Length], StringComparison.Ordinal),
        _ => value,
    };
}

using System.Text.Encodings.Web;

namespace LlmIngest;

/// <summary>How the library writes JSON, for tools that write JSON the same way.</summary>
public static class LlmTraceJson
{
    /// <summary>
    /// The text encoder of the log and the payloads: text is written as UTF-8, and only what JSON requires is escaped,
    /// plus the characters that make a terminal show text other than what is stored (C1 and bidirectional controls,
    /// U+2028/U+2029). Use it in <see cref="System.Text.Json.JsonWriterOptions.Encoder"/>.
    /// </summary>
    public static JavaScriptEncoder Encoder => Utf8JsonTextEncoder.Instance;
}

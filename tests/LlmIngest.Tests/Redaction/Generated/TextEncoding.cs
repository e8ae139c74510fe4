namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>How a template spells a value inside its text: as is, as JSON string content, URL-encoded or as HTML.</summary>
internal enum TextEncoding
{
    Plain,
    Json,
    Url,
    Html,
}

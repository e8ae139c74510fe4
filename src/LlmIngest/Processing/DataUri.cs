namespace LlmIngest.Processing;

/// <summary>A base64 <c>data:</c> URI found in a text: where it is, its media type and its decoded bytes.</summary>
internal readonly record struct DataUri(int Start, int Length, string MediaType, byte[] Bytes);

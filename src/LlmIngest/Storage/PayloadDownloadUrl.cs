namespace LlmIngest;

/// <summary>A presigned, time-limited URL through which one stored payload object can be fetched without credentials.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Url">The GET URL; the body is stored as gzip (<c>Content-Encoding: gzip</c>).</param>
public sealed record PayloadDownloadUrl(string Key, Uri Url);

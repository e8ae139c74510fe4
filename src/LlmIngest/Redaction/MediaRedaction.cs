namespace LlmIngest.Redaction;

/// <summary>
/// Redacts the text of media references, copy-on-write: the file name the app gave and the URL of media the model
/// fetched itself (a presigned URL carries credentials). The bytes are never read; the URI of a stored object is ours.
/// </summary>
internal static class MediaRedaction
{
    public static IList<LlmMediaReference>? Redact(IList<LlmMediaReference>? media, TraceRedactor redactor, RedactionCounts counts)
    {
        if (media is null)
        {
            return null;
        }

        List<LlmMediaReference>? copy = null;
        for (var i = 0; i < media.Count; i++)
        {
            var reference = media[i];
            if (reference is null)
            {
                continue;
            }

            var name = redactor.Apply(reference.Name, counts);
            var uri = reference.Stored ? reference.Uri : redactor.Apply(reference.Uri, counts);
            if (!ReferenceEquals(name, reference.Name) || !ReferenceEquals(uri, reference.Uri))
            {
                copy ??= [.. media];
                copy[i] = new LlmMediaReference
                {
                    MediaType = reference.MediaType,
                    Name = name,
                    Length = reference.Length,
                    Sha256 = reference.Sha256,
                    Uri = uri,
                    Stored = reference.Stored,
                };
            }
        }

        return copy ?? media;
    }
}

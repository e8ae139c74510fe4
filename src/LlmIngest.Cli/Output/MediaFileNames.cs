namespace LlmIngest.Cli.Output;

/// <summary>The file name a media object is written under: <c>{sha256}.{extension of its media type}</c>.</summary>
internal static class MediaFileNames
{
    public static string For(string sha256, string? mediaType) => $"{sha256}.{Extension(mediaType)}";

    public static string Extension(string? mediaType)
    {
        var type = (mediaType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        switch (type)
        {
            case "image/jpeg":
                return "jpg";
            case "image/svg+xml":
                return "svg";
            case "audio/mpeg":
                return "mp3";
            case "audio/x-wav" or "audio/wave":
                return "wav";
            case "text/plain":
                return "txt";
            case "text/markdown":
                return "md";
        }

        // Otherwise the subtype, when it is a plain token (png, gif, webp, pdf, wav, ogg, json, csv…).
        var slash = type.IndexOf('/');
        var subtype = slash < 0 ? string.Empty : type[(slash + 1)..];
        if (subtype.Length is > 0 and <= 10)
        {
            var plain = true;
            foreach (var c in subtype)
            {
                plain &= char.IsAsciiLetterOrDigit(c);
            }

            if (plain)
            {
                return subtype;
            }
        }

        return "bin";
    }
}

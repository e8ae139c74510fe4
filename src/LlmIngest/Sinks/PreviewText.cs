namespace LlmIngest.Sinks;

/// <summary>Cuts text to a preview length without splitting a surrogate pair.</summary>
internal static class PreviewText
{
    public static string? Cut(string? text, int maxLength)
    {
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }

        var length = maxLength;
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }

    /// <summary>The content of the last user message, or of the last message when none is from the user.</summary>
    public static string? LastUserContent(IList<LlmMessage>? messages)
    {
        if (messages is null || messages.Count == 0)
        {
            return null;
        }

        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i] is { Role: "user" } message)
            {
                return message.Content;
            }
        }

        return messages[^1]?.Content;
    }

    /// <summary>The content of the last message that has any.</summary>
    public static string? LastContent(IList<LlmMessage>? messages)
    {
        if (messages is null)
        {
            return null;
        }

        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i]?.Content is { } content)
            {
                return content;
            }
        }

        return null;
    }
}

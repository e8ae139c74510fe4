using Microsoft.Extensions.AI;

namespace LlmIngest.Capture;

/// <summary>
/// Turns the media contents of a chat message into <see cref="LlmMediaReference"/>s on the worker: a
/// <see cref="DataContent"/> keeps its bytes (by reference, not copied) until the offloader hashes and stores them; a
/// <see cref="UriContent"/> is described by its URL, never fetched.
/// </summary>
internal static class MediaContentConversion
{
    public static LlmMediaReference FromData(DataContent data) => new()
    {
        MediaType = data.MediaType,
        Name = data.Name,
        Length = data.Data.Length,
        Data = data.Data,
    };

    public static LlmMediaReference FromUri(UriContent content) => new()
    {
        MediaType = content.MediaType,
        Uri = content.Uri.IsAbsoluteUri ? content.Uri.AbsoluteUri : content.Uri.OriginalString,
    };

    /// <summary>Adds the media of <paramref name="content"/> to <paramref name="message"/>; false when it holds none.</summary>
    public static bool TryAdd(LlmMessage message, AIContent? content)
    {
        switch (content)
        {
            case DataContent data:
                (message.Media ??= []).Add(FromData(data));
                return true;
            case UriContent uri:
                (message.Media ??= []).Add(FromUri(uri));
                return true;
            default:
                return false;
        }
    }
}

namespace LlmIngest.Storage;

/// <summary>
/// A store whose objects have a URI a reader can follow: the built-in stores (<c>s3://bucket/key</c>, a <c>file://</c>
/// URI). The GenAI spans' <c>*_ref</c> attributes carry it; a store the app supplied has none, so its spans carry no refs.
/// </summary>
internal interface IPayloadLocator
{
    /// <summary>The URI of the object stored under <paramref name="key"/>.</summary>
    string UriOf(string key);
}

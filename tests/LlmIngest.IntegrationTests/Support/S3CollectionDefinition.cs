namespace LlmIngest.IntegrationTests.Support;

/// <summary>Every test that needs the real S3 server joins this collection, so the server starts once per run.</summary>
[CollectionDefinition(Name)]
public sealed class S3CollectionDefinition : ICollectionFixture<S3ServerFixture>
{
    public const string Name = "S3";
}

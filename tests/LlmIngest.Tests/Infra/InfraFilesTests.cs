using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using LlmIngest.Hosting;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace LlmIngest.Tests.Infra;

/// <summary>The operator's files (infra/, docker-compose.yml) stay in step with the library.</summary>
public sealed class InfraFilesTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void LifecycleJson_IsExactlyWhatApplyOnStartWouldApplyWithTheDefaults()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "s3", "lifecycle.json")));
        var fromFile = json.RootElement.GetProperty("Rules").EnumerateArray().Select(ToRule).ToList();

        var expected = RetentionRules.Build(new RetentionOptions(), new S3StorageOptions().Prefix);

        Assert.Equal(expected.Select(r => r.Id), fromFile.Select(r => r.Id));
        Assert.Empty(RetentionRules.Differences(fromFile, new RetentionOptions(), new S3StorageOptions().Prefix));
    }

    [Theory]
    [InlineData("bucket-policy.json")]
    [InlineData("public-access-block.json")]
    [InlineData("encryption.json")]
    [InlineData("writer-policy.json")]
    [InlineData("tenant-reader-policy.json")]
    public void InfraPolicyFiles_AreValidJson(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "s3", name)));
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public void BucketPolicy_DeniesPlainHttpAndUnencryptedWrites()
    {
        var policy = File.ReadAllText(Path.Combine(Root, "infra", "s3", "bucket-policy.json"));

        Assert.Contains("\"aws:SecureTransport\": \"false\"", policy, StringComparison.Ordinal);
        Assert.Contains("\"s3:x-amz-server-side-encryption\": \"true\"", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerCompose_ParsesAndWiresMinioInitAndTheDemoTogether()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml")))
        {
            yaml.Load(reader);
        }

        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        Assert.Equal(["demo", "init", "minio"], services.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        var minio = (YamlMappingNode)services["minio"];
        Assert.True(minio.Children.ContainsKey("healthcheck"));

        var init = (YamlMappingNode)services["init"];
        var script = ((YamlSequenceNode)init["command"]).Children[0].ToString();
        Assert.Contains("mc ilm import local/llm-traces < /infra/s3/lifecycle.json", script, StringComparison.Ordinal);
        Assert.Contains("./infra:/infra:ro", ((YamlSequenceNode)init["volumes"]).Children.Select(c => c.ToString()));

        // Every setting the demo gets is a real, valid LlmIngest option naming the bucket the init created.
        var demo = (YamlMappingNode)services["demo"];
        Assert.Equal("src/LlmIngest.Demo/Dockerfile", ((YamlMappingNode)demo["build"])["dockerfile"].ToString());
        Assert.True(File.Exists(Path.Combine(Root, "src", "LlmIngest.Demo", "Dockerfile")));
        var settings = ((YamlMappingNode)demo["environment"]).Children.ToDictionary(
            kv => kv.Key.ToString().Replace("__", ":", StringComparison.Ordinal),
            kv => (string?)kv.Value.ToString());
        var options = new LlmTraceIngestOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("LlmIngest").Bind(options);
        Assert.Equal("llm-traces", options.Storage.S3.Bucket);
        Assert.Equal(PayloadStoreKind.S3, options.Storage.ResolvedKind);
        Assert.True(new LlmTraceIngestOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Readme_ReferencesTheInfraAndTheComposeFile()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        Assert.Contains("infra/README.md", readme, StringComparison.Ordinal);
        Assert.Contains("docker-compose.yml", readme, StringComparison.Ordinal);
    }

    private static LifecycleRule ToRule(JsonElement rule)
    {
        var result = new LifecycleRule { Id = rule.GetProperty("ID").GetString(), Status = new LifecycleRuleStatus(rule.GetProperty("Status").GetString()) };
        var filter = rule.GetProperty("Filter");
        result.Filter = filter.TryGetProperty("Tag", out var tag)
            ? new LifecycleFilter { Tag = new Tag { Key = tag.GetProperty("Key").GetString(), Value = tag.GetProperty("Value").GetString() } }
            : new LifecycleFilter { Prefix = filter.GetProperty("Prefix").GetString() };
        if (rule.TryGetProperty("Expiration", out var expiration))
        {
            result.Expiration = new LifecycleRuleExpiration { Days = expiration.GetProperty("Days").GetInt32() };
        }

        if (rule.TryGetProperty("AbortIncompleteMultipartUpload", out var abort))
        {
            result.AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = abort.GetProperty("DaysAfterInitiation").GetInt32() };
        }

        return result;
    }
}

using LlmIngest.Hosting;
using LlmIngest.Storage;
using LlmIngest.Storage.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmIngest.Tests.Hosting;

public sealed class LlmTraceIngestOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new LlmTraceIngestOptionsValidator().Validate(null, new LlmTraceIngestOptions()).Succeeded);

    [Fact]
    public void Validate_MediaRetentionClass_IsNotNeededWhenOnlyReferencesAreKept()
    {
        var options = new LlmTraceIngestOptions();
        options.Storage.S3.Bucket = "b";
        options.Storage.Media.RetentionClass = "photos";
        Assert.False(new LlmTraceIngestOptionsValidator().Validate(null, options).Succeeded);

        options.Storage.Media.Mode = MediaStorageMode.ReferenceOnly;
        Assert.True(new LlmTraceIngestOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(PreviewLogTarget.File, true, false)]
    [InlineData(PreviewLogTarget.Stdout, true, true)]
    [InlineData(PreviewLogTarget.File, false, true)]
    public void Validate_ShipRetentionClass_IsCheckedOnlyWhereTheIndexShips(PreviewLogTarget target, bool shipping, bool succeeds)
    {
        var options = new LlmTraceIngestOptions();
        options.Storage.S3.Bucket = "b";
        options.Log.Target = target;
        options.Log.Ship.Enabled = shipping;
        options.Log.Ship.RetentionClass = "audit";

        Assert.Equal(succeeds, new LlmTraceIngestOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Storage:Kind", "S3", "LlmIngest:Storage:S3:Bucket is required when LlmIngest:Storage:Kind is S3")]
    [InlineData("Storage:S3:ServiceUrl", "ftp://x", "LlmIngest:Storage:S3:ServiceUrl must be an absolute http or https URL")]
    [InlineData("Storage:S3:AccessKey", "AKIA", "LlmIngest:Storage:S3:AccessKey and LlmIngest:Storage:S3:SecretKey must be set together")]
    [InlineData("Queue:Capacity", "0", "LlmIngest:Queue:Capacity must be at least 1")]
    [InlineData("Queue:BatchSize", "0", "LlmIngest:Queue:BatchSize must be at least 1")]
    [InlineData("Log:MaxFileSizeBytes", "10", "LlmIngest:Log:MaxFileSizeBytes must be at least 4096")]
    [InlineData("Log:PreviewLength", "0", "LlmIngest:Log:PreviewLength must be between 1 and 10000")]
    [InlineData("Log:FilePrefix", "a/b", "LlmIngest:Log:FilePrefix must be a plain file name")]
    [InlineData("DefaultTenant", "../x", "LlmIngest:DefaultTenant must be 1-64 characters")]
    [InlineData("Storage:MaxConcurrency", "0", "LlmIngest:Storage:MaxConcurrency must be at least 1")]
    [InlineData("Storage:Retention:DefaultClass", "forever", "LlmIngest:Storage:Retention:DefaultClass 'forever' is not one of LlmIngest:Storage:Retention:Classes")]
    [InlineData("Storage:Retention:Classes:errors", "0", "LlmIngest:Storage:Retention:Classes:errors must be a valid tag value with at least 1 day")]
    [InlineData("Storage:Spool:MaxBytes", "10", "LlmIngest:Storage:Spool:MaxBytes must be at least 1 MiB")]
    [InlineData("Storage:S3:MultipartPartSizeBytes", "1000", "LlmIngest:Storage:S3:MultipartPartSizeBytes must be at least 5 MiB")]
    [InlineData("Storage:ReadTenant", "../b", "LlmIngest:Storage:ReadTenant must be a valid tenant id")]
    [InlineData("Log:Ship:RetentionClass", "audit", "LlmIngest:Log:Ship:RetentionClass 'audit' is not one of LlmIngest:Storage:Retention:Classes")]
    [InlineData("Sampling:Rate", "1.5", "LlmIngest:Sampling:Rate must be between 0 and 1, the share of traces kept (got 1.5)")]
    [InlineData("Sampling:Rate", "NaN", "LlmIngest:Sampling:Rate must be between 0 and 1")]
    [InlineData("Sampling:TenantRates:acme", "-0.1", "LlmIngest:Sampling:TenantRates:acme must be between 0 and 1")]
    [InlineData("Sampling:FunctionRates:classify", "2", "LlmIngest:Sampling:FunctionRates:classify must be between 0 and 1")]
    [InlineData("Sampling:KeepSlowerThan", "-00:00:01", "LlmIngest:Sampling:KeepSlowerThan must be positive")]
    [InlineData("Storage:MaxPayloadBytes", "1000", "LlmIngest:Storage:MaxPayloadBytes must be at least 16384 (got 1000)")]
    [InlineData("Storage:Media:MinDataUriLength", "10", "LlmIngest:Storage:Media:MinDataUriLength must be at least 64")]
    [InlineData("Storage:Media:Mode", "99", "LlmIngest:Storage:Media:Mode must be Store or ReferenceOnly")]
    [InlineData("Storage:Media:RetentionClass", "photos", "LlmIngest:Storage:Media:RetentionClass 'photos' is not one of LlmIngest:Storage:Retention:Classes")]
    public void Start_WithABadSetting_FailsWithAMessageNamingTheKey(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"LlmIngest:{key}"] = value, ["LlmIngest:Storage:S3:Bucket"] = key == "Storage:Kind" ? null : "b" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLlmTraceIngest(configuration.GetSection("LlmIngest"), o =>
        {
            if (key != "Storage:Kind")
            {
                o.Storage.Kind = PayloadStoreKind.S3;
            }
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnUndefinedSampledOutMode_NamesTheKey()
    {
        var options = new LlmTraceIngestOptions();
        options.Sampling.SampledOut = (SampledOutMode)7;

        var result = new LlmTraceIngestOptionsValidator().Validate(null, options);

        Assert.Contains("LlmIngest:Sampling:SampledOut must be IndexLineOnly or Nothing.", result.Failures!);
    }

    [Fact]
    public void AddLlmTraceIngest_BindsTheSamplingSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LlmIngest:Sampling:Rate"] = "0.25",
                ["LlmIngest:Sampling:KeepErrors"] = "false",
                ["LlmIngest:Sampling:KeepSlowerThan"] = "00:00:05",
                ["LlmIngest:Sampling:TenantRates:gold"] = "1",
                ["LlmIngest:Sampling:FunctionRates:classify"] = "0.01",
                ["LlmIngest:Sampling:HonorUpstreamSampledFlag"] = "true",
                ["LlmIngest:Sampling:SampledOut"] = "Nothing",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLlmTraceIngest(configuration.GetSection("LlmIngest"));
        using var provider = services.BuildServiceProvider();

        var sampling = provider.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value.Sampling;

        Assert.Equal(0.25, sampling.Rate);
        Assert.False(sampling.KeepErrors);
        Assert.Equal(TimeSpan.FromSeconds(5), sampling.KeepSlowerThan);
        Assert.Equal(1, sampling.TenantRates["gold"]);
        Assert.Equal(0.01, sampling.FunctionRates["classify"]);
        Assert.True(sampling.HonorUpstreamSampledFlag);
        Assert.Equal(SampledOutMode.Nothing, sampling.SampledOut);
        Assert.Same(sampling, provider.GetRequiredService<IOptions<SamplingOptions>>().Value);
    }

    [Fact]
    public void SamplingDefaults_KeepEverything()
    {
        var sampling = new SamplingOptions();

        Assert.Equal(1.0, sampling.Rate);
        Assert.True(sampling.KeepErrors);
        Assert.Null(sampling.KeepSlowerThan);
        Assert.False(sampling.HonorUpstreamSampledFlag);
        Assert.Equal(SampledOutMode.IndexLineOnly, sampling.SampledOut);
    }

    [Fact]
    public void AddLlmTraceIngest_BindsTheConfigurationSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LlmIngest:DefaultTenant"] = "acme",
                ["LlmIngest:Queue:Capacity"] = "64",
                ["LlmIngest:Queue:FullMode"] = "DropOldest",
                ["LlmIngest:Queue:FullWaitTimeout"] = "00:00:00.250",
                ["LlmIngest:Log:Target"] = "Stdout",
                ["LlmIngest:Storage:S3:Bucket"] = "traces-bucket",
                ["LlmIngest:Storage:S3:ServiceUrl"] = "http://127.0.0.1:9000",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLlmTraceIngest(configuration.GetSection("LlmIngest"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LlmTraceIngestOptions>>().Value;

        Assert.Equal("acme", options.DefaultTenant);
        Assert.Equal(64, options.Queue.Capacity);
        Assert.Equal(QueueFullMode.DropOldest, options.Queue.FullMode);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Queue.FullWaitTimeout);
        Assert.Equal(PreviewLogTarget.Stdout, options.Log.Target);
        Assert.Equal(PayloadStoreKind.S3, options.Storage.ResolvedKind);
        Assert.IsType<S3PayloadStore>(provider.GetRequiredService<IPayloadStore>());
    }

    [Fact]
    public void AddLlmTraceIngest_WithNoStorageConfigured_UsesTheLocalFolderStore()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLlmTraceIngest();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<LocalFolderPayloadStore>(provider.GetRequiredService<IPayloadStore>());
    }

    [Fact]
    public void AddLlmTraceIngest_CalledTwice_RegistersOneWorker()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddLlmTraceIngest().AddLlmTraceIngest();

        Assert.Single(services, d => d.ImplementationType == typeof(TraceIngestWorker));
    }
}

using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace LlmIngest.Storage.S3;

/// <summary>Builds the one long-lived <see cref="IAmazonS3"/> client the S3 store uses, from <see cref="S3StorageOptions"/>.</summary>
internal static class S3ClientFactory
{
    /// <param name="options">The S3 options.</param>
    /// <param name="httpClientFactory">
    /// The SDK's HTTP client factory to use, or null for the SDK's own: the seam through which an app (or a fault test)
    /// puts its own <see cref="HttpMessageHandler"/> (a proxy, a fault injector) under the client.
    /// </param>
    public static IAmazonS3 Create(S3StorageOptions options, HttpClientFactory? httpClientFactory = null)
    {
        var config = new AmazonS3Config
        {
            AuthenticationRegion = options.Region,
            Timeout = options.RequestTimeout,

            // S3PayloadStore retries with its own backoff and then spools; SDK retries on top would only delay that.
            MaxErrorRetry = 0,
        };
        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        var custom = !string.IsNullOrWhiteSpace(options.ServiceUrl);
        if (custom)
        {
            config.ServiceURL = options.ServiceUrl;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        config.ForcePathStyle = options.ForcePathStyle ?? custom;
        var checksums = options.ChecksumMode ?? (custom ? S3ChecksumMode.WhenRequired : S3ChecksumMode.WhenSupported);
        if (checksums == S3ChecksumMode.WhenRequired)
        {
            // Ceph RGW 16 and other S3-compatible servers reject the SDK v4 default of streamed trailing checksums.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}

using LlmIngest.Capture;
using LlmIngest.Redaction;
using LlmIngest.Sinks;
using LlmIngest.Storage;
using Microsoft.Extensions.Options;

namespace LlmIngest.Hosting;

/// <summary>Validates <see cref="LlmTraceIngestOptions"/> at start, naming the configuration key of each problem.</summary>
internal sealed class LlmTraceIngestOptionsValidator : IValidateOptions<LlmTraceIngestOptions>
{
    private const string Section = LlmTraceIngestOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LlmTraceIngestOptions options)
    {
        var errors = new List<string>();

        if (!TraceIdentifiers.IsValid(options.DefaultTenant, 64))
        {
            errors.Add($"{Section}:DefaultTenant must be 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit (got '{options.DefaultTenant}').");
        }

        var queue = options.Queue;
        if (queue.Capacity < 1)
        {
            errors.Add($"{Section}:Queue:Capacity must be at least 1 (got {queue.Capacity}).");
        }

        if (queue.BatchSize < 1)
        {
            errors.Add($"{Section}:Queue:BatchSize must be at least 1 (got {queue.BatchSize}).");
        }

        if (queue.FullWaitTimeout < TimeSpan.Zero)
        {
            errors.Add($"{Section}:Queue:FullWaitTimeout must not be negative.");
        }

        if (!Enum.IsDefined(queue.FullMode))
        {
            errors.Add($"{Section}:Queue:FullMode must be DropNewest, DropOldest or Wait.");
        }

        var log = options.Log;
        if (log.Target == PreviewLogTarget.File)
        {
            if (string.IsNullOrWhiteSpace(log.Directory))
            {
                errors.Add($"{Section}:Log:Directory is required when {Section}:Log:Target is File.");
            }

            if (string.IsNullOrWhiteSpace(log.FilePrefix) || log.FilePrefix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || log.FilePrefix.Contains('*'))
            {
                errors.Add($"{Section}:Log:FilePrefix must be a plain file name (got '{log.FilePrefix}').");
            }

            if (log.MaxFileSizeBytes < 4096)
            {
                errors.Add($"{Section}:Log:MaxFileSizeBytes must be at least 4096 (got {log.MaxFileSizeBytes}).");
            }

            if (log.RetainedFileCount < 0)
            {
                errors.Add($"{Section}:Log:RetainedFileCount must be 0 (keep all) or more (got {log.RetainedFileCount}).");
            }
        }

        if (log.PreviewLength is < 1 or > 10_000)
        {
            errors.Add($"{Section}:Log:PreviewLength must be between 1 and 10000 (got {log.PreviewLength}).");
        }

        var storage = options.Storage;
        if (storage.MaxConcurrency < 1)
        {
            errors.Add($"{Section}:Storage:MaxConcurrency must be at least 1 (got {storage.MaxConcurrency}).");
        }

        switch (storage.ResolvedKind)
        {
            case PayloadStoreKind.Local when string.IsNullOrWhiteSpace(storage.Local.Directory):
                errors.Add($"{Section}:Storage:Local:Directory is required when {Section}:Storage:Kind is Local.");
                break;
            case PayloadStoreKind.S3:
                ValidateS3(storage.S3, errors);
                break;
        }

        RedactionOptionsValidator.Validate(options.Redaction, $"{Section}:Redaction", errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateS3(S3StorageOptions s3, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            errors.Add($"{Section}:Storage:S3:Bucket is required when {Section}:Storage:Kind is S3 (or a {Section}:Storage:S3:ServiceUrl is set).");
        }

        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl)
            && (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{Section}:Storage:S3:ServiceUrl must be an absolute http or https URL (got '{s3.ServiceUrl}').");
        }

        if (string.IsNullOrEmpty(s3.AccessKey) != string.IsNullOrEmpty(s3.SecretKey))
        {
            errors.Add($"{Section}:Storage:S3:AccessKey and {Section}:Storage:S3:SecretKey must be set together, or both left empty to use the AWS credential chain.");
        }

        if (string.IsNullOrWhiteSpace(s3.Region))
        {
            errors.Add($"{Section}:Storage:S3:Region is required.");
        }

        if (s3.Prefix.Contains("..", StringComparison.Ordinal) || s3.Prefix.Contains('\\'))
        {
            errors.Add($"{Section}:Storage:S3:Prefix must not contain '..' or '\\' (got '{s3.Prefix}').");
        }
    }
}

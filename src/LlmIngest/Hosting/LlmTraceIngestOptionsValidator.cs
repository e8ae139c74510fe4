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
        if (options.Debug.MaxContentLength < 1)
        {
            errors.Add($"{Section}:Debug:MaxContentLength must be at least 1 (got {options.Debug.MaxContentLength}).");
        }

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

        if (log.MaxLineBytes is < 4096 or > 16 * 1024 * 1024)
        {
            errors.Add($"{Section}:Log:MaxLineBytes must be between 4096 and 16777216 (got {log.MaxLineBytes}).");
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

        if (storage.ReadTenant is not null && !TraceIdentifiers.IsValid(storage.ReadTenant, 64))
        {
            errors.Add($"{Section}:Storage:ReadTenant must be a valid tenant id (got '{storage.ReadTenant}').");
        }

        switch (storage.ResolvedKind)
        {
            case PayloadStoreKind.Local when string.IsNullOrWhiteSpace(storage.Local.Directory):
                errors.Add($"{Section}:Storage:Local:Directory is required when {Section}:Storage:Kind is Local.");
                break;
            case PayloadStoreKind.S3:
                ValidateS3(storage.S3, errors);
                ValidateRetention(storage.Retention, errors);
                ValidateSpool(storage.Spool, errors);
                break;
        }

        foreach (var (model, price) in options.Pricing ?? [])
        {
            if (price is null || price.Input < 0 || price.Output < 0 || price.CachedInput < 0 || price.Reasoning < 0)
            {
                errors.Add($"{Section}:Pricing:{model} must have non-negative Input, Output, CachedInput and Reasoning prices (USD per million tokens).");
            }
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

        if (s3.MaxAttempts < 1)
        {
            errors.Add($"{Section}:Storage:S3:MaxAttempts must be at least 1 (got {s3.MaxAttempts}).");
        }

        if (s3.MultipartPartSizeBytes < 5L * 1024 * 1024 || s3.MultipartThresholdBytes < s3.MultipartPartSizeBytes)
        {
            errors.Add($"{Section}:Storage:S3:MultipartPartSizeBytes must be at least 5 MiB (an S3 limit) and MultipartThresholdBytes at least the part size.");
        }

        if (s3.RetryBaseDelay < TimeSpan.Zero || s3.RetryMaxDelay < s3.RetryBaseDelay || s3.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Storage:S3:RetryBaseDelay must not be negative, RetryMaxDelay at least RetryBaseDelay, and RequestTimeout positive.");
        }

        if (s3.Prefix.Contains("..", StringComparison.Ordinal) || s3.Prefix.Contains('\\'))
        {
            errors.Add($"{Section}:Storage:S3:Prefix must not contain '..' or '\\' (got '{s3.Prefix}').");
        }
    }

    private static void ValidateRetention(RetentionOptions retention, List<string> errors)
    {
        if (!IsTagText(retention.TagKey, 128))
        {
            errors.Add($"{Section}:Storage:Retention:TagKey must be 1-128 characters of letters, digits, spaces and + - = . _ : / @ (got '{retention.TagKey}').");
        }

        if (retention.Classes.Count == 0)
        {
            errors.Add($"{Section}:Storage:Retention:Classes must name at least one class (e.g. default: 30).");
        }

        foreach (var (name, days) in retention.Classes)
        {
            if (!IsTagText(name, 256) || days < 1)
            {
                errors.Add($"{Section}:Storage:Retention:Classes:{name} must be a valid tag value with at least 1 day (got {days}).");
            }
        }

        foreach (var (key, name) in new[] { ("DefaultClass", retention.DefaultClass), ("ErrorClass", retention.ErrorClass) })
        {
            if (!retention.Classes.ContainsKey(name))
            {
                errors.Add($"{Section}:Storage:Retention:{key} '{name}' is not one of {Section}:Storage:Retention:Classes ({string.Join(", ", retention.Classes.Keys)}).");
            }
        }

        if (retention.AbortIncompleteMultipartUploadDays < 1)
        {
            errors.Add($"{Section}:Storage:Retention:AbortIncompleteMultipartUploadDays must be at least 1.");
        }
    }

    private static void ValidateSpool(SpoolOptions spool, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(spool.Directory))
        {
            errors.Add($"{Section}:Storage:Spool:Directory is required when {Section}:Storage:Kind is S3.");
        }

        if (spool.MaxBytes < 1024 * 1024)
        {
            errors.Add($"{Section}:Storage:Spool:MaxBytes must be at least 1 MiB (got {spool.MaxBytes}).");
        }

        if (spool.ReplayInterval <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Storage:Spool:ReplayInterval must be positive.");
        }
    }

    // S3 object tags: letters, digits, spaces and + - = . _ : / @.
    private static bool IsTagText(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text) || text.Length > maxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && " +-=._:/@".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }
}

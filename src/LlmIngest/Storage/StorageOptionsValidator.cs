using LlmIngest.Capture;
using Microsoft.Extensions.Options;

namespace LlmIngest.Storage;

/// <summary>
/// Validates <see cref="StorageOptions"/>, naming the configuration key of each problem: at the host's start (through
/// the root options validator) and when a reader opens the store, so both refuse the same configurations.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Section = LlmTraceIngestOptions.SectionName + ":Storage";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        AddErrors(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static void AddErrors(StorageOptions storage, List<string> errors)
    {
        if (storage.MaxConcurrency < 1)
        {
            errors.Add($"{Section}:MaxConcurrency must be at least 1 (got {storage.MaxConcurrency}).");
        }

        if (storage.ReadTenant is not null && !TraceIdentifiers.IsValid(storage.ReadTenant, 64))
        {
            errors.Add($"{Section}:ReadTenant must be a valid tenant id (got '{storage.ReadTenant}').");
        }

        if (storage.MaxPayloadBytes < 16 * 1024)
        {
            errors.Add($"{Section}:MaxPayloadBytes must be at least 16384 (got {storage.MaxPayloadBytes}).");
        }

        if (storage.Media.MinDataUriLength < 64)
        {
            errors.Add($"{Section}:Media:MinDataUriLength must be at least 64 (got {storage.Media.MinDataUriLength}).");
        }

        if (!Enum.IsDefined(storage.Media.Mode))
        {
            errors.Add($"{Section}:Media:Mode must be Store or ReferenceOnly (got '{storage.Media.Mode}').");
        }

        switch (storage.ResolvedKind)
        {
            case PayloadStoreKind.Local when string.IsNullOrWhiteSpace(storage.Local.Directory):
                errors.Add($"{Section}:Local:Directory is required when {Section}:Kind is Local.");
                break;
            case PayloadStoreKind.S3:
                ValidateS3(storage.S3, errors);
                ValidateRetention(storage.Retention, errors);
                if (storage.Media.Mode == MediaStorageMode.Store && !storage.Retention.Classes.ContainsKey(storage.Media.RetentionClass ?? string.Empty))
                {
                    errors.Add($"{Section}:Media:RetentionClass '{storage.Media.RetentionClass}' is not one of {Section}:Retention:Classes ({string.Join(", ", storage.Retention.Classes.Keys)}); add it there or set {Section}:Media:Mode to ReferenceOnly.");
                }

                ValidateSpool(storage.Spool, errors);
                break;
        }
    }

    private static void ValidateS3(S3StorageOptions s3, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            errors.Add($"{Section}:S3:Bucket is required when {Section}:Kind is S3 (or a {Section}:S3:ServiceUrl is set).");
        }

        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl)
            && (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{Section}:S3:ServiceUrl must be an absolute http or https URL (got '{s3.ServiceUrl}').");
        }

        if (string.IsNullOrEmpty(s3.AccessKey) != string.IsNullOrEmpty(s3.SecretKey))
        {
            errors.Add($"{Section}:S3:AccessKey and {Section}:S3:SecretKey must be set together, or both left empty to use the AWS credential chain.");
        }

        if (string.IsNullOrWhiteSpace(s3.Region))
        {
            errors.Add($"{Section}:S3:Region is required.");
        }

        if (s3.MaxAttempts < 1)
        {
            errors.Add($"{Section}:S3:MaxAttempts must be at least 1 (got {s3.MaxAttempts}).");
        }

        if (s3.MultipartPartSizeBytes < 5L * 1024 * 1024 || s3.MultipartThresholdBytes < s3.MultipartPartSizeBytes)
        {
            errors.Add($"{Section}:S3:MultipartPartSizeBytes must be at least 5 MiB (an S3 limit) and MultipartThresholdBytes at least the part size.");
        }

        if (s3.RetryBaseDelay < TimeSpan.Zero || s3.RetryMaxDelay < s3.RetryBaseDelay || s3.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:S3:RetryBaseDelay must not be negative, RetryMaxDelay at least RetryBaseDelay, and RequestTimeout positive.");
        }

        if (s3.Prefix.Contains("..", StringComparison.Ordinal) || s3.Prefix.Contains('\\'))
        {
            errors.Add($"{Section}:S3:Prefix must not contain '..' or '\\' (got '{s3.Prefix}').");
        }
    }

    private static void ValidateRetention(RetentionOptions retention, List<string> errors)
    {
        if (!IsTagText(retention.TagKey, 128))
        {
            errors.Add($"{Section}:Retention:TagKey must be 1-128 characters of letters, digits, spaces and + - = . _ : / @ (got '{retention.TagKey}').");
        }

        if (retention.Classes.Count == 0)
        {
            errors.Add($"{Section}:Retention:Classes must name at least one class (e.g. default: 30).");
        }

        foreach (var (name, days) in retention.Classes)
        {
            if (!IsTagText(name, 256) || days < 1)
            {
                errors.Add($"{Section}:Retention:Classes:{name} must be a valid tag value with at least 1 day (got {days}).");
            }
        }

        foreach (var (key, name) in new[] { ("DefaultClass", retention.DefaultClass), ("ErrorClass", retention.ErrorClass) })
        {
            if (!retention.Classes.ContainsKey(name))
            {
                errors.Add($"{Section}:Retention:{key} '{name}' is not one of {Section}:Retention:Classes ({string.Join(", ", retention.Classes.Keys)}).");
            }
        }

        if (retention.AbortIncompleteMultipartUploadDays < 1)
        {
            errors.Add($"{Section}:Retention:AbortIncompleteMultipartUploadDays must be at least 1.");
        }
    }

    private static void ValidateSpool(SpoolOptions spool, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(spool.Directory))
        {
            errors.Add($"{Section}:Spool:Directory is required when {Section}:Kind is S3.");
        }

        if (spool.MaxBytes < 1024 * 1024)
        {
            errors.Add($"{Section}:Spool:MaxBytes must be at least 1 MiB (got {spool.MaxBytes}).");
        }

        if (spool.ReplayInterval <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Spool:ReplayInterval must be positive.");
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

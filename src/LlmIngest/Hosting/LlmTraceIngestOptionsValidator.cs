using LlmIngest.Capture;
using LlmIngest.Redaction;
using LlmIngest.Sampling;
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

        if (!string.IsNullOrWhiteSpace(log.Instance) && !IndexKeys.IsValidInstance(log.Instance))
        {
            errors.Add($"{Section}:Log:Instance must be 1-128 characters of [A-Za-z0-9._-] starting with a letter or digit (got '{log.Instance}').");
        }

        if (log.Ship.Interval < TimeSpan.FromSeconds(1) || log.Ship.Interval > TimeSpan.FromDays(1))
        {
            errors.Add($"{Section}:Log:Ship:Interval must be between 00:00:01 and 1.00:00:00 (got {log.Ship.Interval}).");
        }

        if (log.Target == PreviewLogTarget.File && log.Ship.Enabled && options.Storage.ResolvedKind == PayloadStoreKind.S3
            && !options.Storage.Retention.Classes.ContainsKey(log.Ship.RetentionClass ?? string.Empty))
        {
            errors.Add($"{Section}:Log:Ship:RetentionClass '{log.Ship.RetentionClass}' is not one of {Section}:Storage:Retention:Classes ({string.Join(", ", options.Storage.Retention.Classes.Keys)}); add it there or set {Section}:Log:Ship:Enabled to false.");
        }

        StorageOptionsValidator.AddErrors(options.Storage, errors);

        foreach (var (model, price) in options.Pricing ?? [])
        {
            if (price is null || price.Input < 0 || price.Output < 0 || price.CachedInput < 0 || price.Reasoning < 0)
            {
                errors.Add($"{Section}:Pricing:{model} must have non-negative Input, Output, CachedInput and Reasoning prices (USD per million tokens).");
            }
        }

        RedactionOptionsValidator.Validate(options.Redaction, $"{Section}:Redaction", errors);
        SamplingOptionsValidator.AddErrors(options.Sampling, $"{Section}:Sampling", errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

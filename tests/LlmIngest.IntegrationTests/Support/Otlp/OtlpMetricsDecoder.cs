namespace LlmIngest.IntegrationTests.Support.Otlp;

/// <summary>
/// An <c>ExportMetricsServiceRequest</c> walked for the metrics' identity only: resource_metrics 1 → scope_metrics 2 →
/// (scope 1, metrics 2 → (name 1, description 2, unit 3)). Data points are skipped.
/// </summary>
internal static class OtlpMetricsDecoder
{
    public static List<OtlpMetric> Decode(ReadOnlySpan<byte> request)
    {
        var metrics = new List<OtlpMetric>();
        ProtobufFields.Walk(request, (input, field, type) =>
        {
            if (field != 1)
            {
                return false;
            }

            ProtobufFields.Walk(ProtobufFields.Message(input, type, "ExportMetricsServiceRequest.resource_metrics"), (resource, resourceField, resourceType) =>
            {
                if (resourceField != 2)
                {
                    return false;
                }

                ScopeMetrics(ProtobufFields.Message(resource, resourceType, "ResourceMetrics.scope_metrics"), metrics);
                return true;
            });
            return true;
        });

        return metrics;
    }

    private static void ScopeMetrics(ReadOnlySpan<byte> bytes, List<OtlpMetric> into)
    {
        var scope = string.Empty;
        var metrics = new List<byte[]>();
        ProtobufFields.Walk(bytes, (input, field, type) =>
        {
            switch (field)
            {
                case 1: scope = OtlpValueDecoder.Scope(ProtobufFields.Message(input, type, "ScopeMetrics.scope")).Name; return true;
                case 2: metrics.Add(ProtobufFields.Message(input, type, "ScopeMetrics.metrics").ToArray()); return true;
                default: return false;
            }
        });

        foreach (var metric in metrics)
        {
            var (name, description, unit) = (string.Empty, string.Empty, string.Empty);
            ProtobufFields.Walk(metric, (input, field, type) =>
            {
                switch (field)
                {
                    case 1: name = ProtobufFields.String(input, type, "Metric.name"); return true;
                    case 2: description = ProtobufFields.String(input, type, "Metric.description"); return true;
                    case 3: unit = ProtobufFields.String(input, type, "Metric.unit"); return true;
                    default: return false;
                }
            });
            into.Add(new OtlpMetric(name, description, unit, scope));
        }
    }
}

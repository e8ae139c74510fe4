namespace LlmIngest.Storage;

/// <summary>Confines reads to one tenant when <see cref="StorageOptions.ReadTenant"/> is set.</summary>
internal static class TenantScope
{
    public static void EnsureReadable(string? readTenant, string tenantId)
    {
        if (readTenant is not null && !string.Equals(readTenant, tenantId, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException(
                $"This payload reader is configured for tenant '{readTenant}' (LlmIngest:Storage:ReadTenant) and cannot read tenant '{tenantId}'.");
        }
    }
}
